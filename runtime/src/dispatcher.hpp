// Dispatcher: the runtime's semantics (PROTOCOL.md section 3) without I/O: messages to
// addresses, one request in flight per address and the backlog as the next batch, state
// registration and attachment, effects applied in the runtime's order, delays, egress, and
// what fails a Flink job. The transport carries its calls; the owner drives time.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <statefun/clock.hpp>
#include <statefun/protocol/request.hpp>
#include <statefun/protocol/response.hpp>
#include <statefun/runtime/egress_record.hpp>
#include <statefun/runtime/module.hpp>
#include <statefun/runtime/trace_event.hpp>
#include <statefun/type_name.hpp>
#include <statefun/wire/from_function.hpp>

#include "delayed_messages.hpp"
#include "state_registry.hpp"
#include "stored_values.hpp"

namespace statefun::runtime::detail {

/// A request for the transport: one ToFunction for one address, to its endpoint's URL.
struct Call {
  std::uint64_t id = 0;  ///< the request's trace id: give it back to on_answer
  const Endpoint* endpoint = nullptr;
  std::string_view url;  ///< the endpoint's URL for the type; valid while the dispatcher lives
  std::string body;      ///< the ToFunction bytes
};

/// The run stopped for a reason that fails a Flink job (an unknown egress, an unbound function
/// type, a state type mismatch, a call that failed after its retries, ...).
class JobFailure : public std::runtime_error {
 public:
  JobFailure(std::optional<Address> address, const std::string& reason);

  const std::optional<Address>& address() const noexcept { return address_; }

 private:
  std::optional<Address> address_;
};

/// Hashes strings and string views alike (lookups by view build no string).
struct StringHash {
  using is_transparent = void;

  std::size_t operator()(std::string_view text) const noexcept {
    return std::hash<std::string_view>{}(text);
  }
};

class Dispatcher {
 public:
  /// A message waiting in an address's backlog or in the batch in flight.
  struct Pending {
    protocol::Invocation invocation;
    std::uint64_t message_id = 0;  ///< its trace id
  };

  struct FunctionType;

  /// What the runtime holds for one address.
  struct Instance {
    explicit Instance(FunctionType& t) : type(&t) {}

    FunctionType* type;                      ///< the function type of the address
    std::optional<std::uint64_t> in_flight;  ///< the id of its request in flight
    std::vector<Pending> sent;               ///< the batch in flight
    std::vector<Pending> backlog;            ///< what came in meanwhile: the next batch
    StoredValues values;
    bool blocked = false;  ///< its backlog has reached maxNumBatchRequests
  };

  /// What the dispatcher keeps per function type that an endpoint serves: its endpoint, its
  /// registered state and every address of the type it has seen, by id.
  struct FunctionType {
    TypeName name{"unset/unset"};
    const Endpoint* endpoint = nullptr;
    std::string url;  ///< the endpoint's URL for the type
    StateRegistry registry;
    bool loaded = false;  ///< its first request was sent
    std::uint64_t requests = 0;
    std::uint64_t messages = 0;
    std::unordered_map<std::string, Instance> instances;
  };

  /// Requests sent and messages delivered, per function type.
  struct Counts {
    std::map<std::string, std::uint64_t> requests;
    std::map<std::string, std::uint64_t> messages;
  };

  /// The per-task cap on requests in flight of the runtime's code
  /// (`statefun.async.max-per-task`; its docs say 1024).
  static constexpr std::size_t kDefaultMaxInFlight = 32768;

  /// `module` and `clock` must outlive the dispatcher; `observer` may be null (events are built
  /// only for an observer that wants them). Input stops while `max_in_flight` requests are in
  /// flight (messages between functions still go).
  Dispatcher(const Module& module,
             const Clock& clock,
             TraceObserver* observer,
             std::size_t max_in_flight = kDefaultMaxInFlight);

  /// A message from an ingress (no caller); returns its trace id. `source` says which ingress.
  /// Throws JobFailure when no endpoint serves the target's type. Taken while a type's first
  /// request is in flight, it waits for that request's answer (see accepting_input()).
  std::uint64_t ingest(const Address& target, TypedValue argument, std::string_view source);

  /// The function's answer to the call `call_id`, read in place from `bytes` (the answer's
  /// FromFunction): applies it (or registers the missing state and sends the same invocations
  /// again). Throws JobFailure for what fails a Flink job. While a type's first request is in
  /// flight, other answers wait (a copy of their bytes) for its answer.
  void on_answer(std::uint64_t call_id,
                 const wire::FromFunctionView& answer,
                 std::string_view bytes);

  /// on_answer for an answer given as plain data (scripted answers).
  void on_answer(std::uint64_t call_id, const protocol::Response& response);

  /// The call `call_id` failed for good (its retries exhausted): throws JobFailure.
  [[noreturn]] void on_failure(std::uint64_t call_id, const std::string& why);

  /// Records a failed attempt that will be retried (for the trace).
  void on_retry(std::uint64_t call_id, const std::string& why);

  /// Delivers every delayed message due at the clock's now.
  void fire_due();

  /// When the next delayed message is due, if one is pending.
  std::optional<Clock::time_point> next_due() const { return delayed_.next_due(); }

  /// The calls to send, in order (each at most once), into `out` (cleared first; the
  /// capacities of `out` and of the dispatcher's own list are kept, so that taking allocates
  /// nothing once both have grown).
  void take_calls(std::vector<Call>& out);

  /// The egress records produced, in order, into `out` (as take_calls).
  void take_egress(std::vector<EgressRecord>& out);

  /// Whether a request is in flight or a call waits to be taken.
  bool busy() const noexcept { return in_flight_ > 0 || !outbox_.empty(); }

  /// False while the runtime's task takes no input: an address's backlog has reached its
  /// endpoint's maxNumBatchRequests (until that address's request completes), the first request
  /// to a function type is in flight (the runtime sends it blocking: its task does nothing else
  /// until the answer), or `max_in_flight` requests are in flight.
  bool accepting_input() const noexcept {
    return blocked_ == 0 && !first_call_ && in_flight_ < max_in_flight_;
  }

  /// Calls f(type, id, instance) for every address the run has seen (in no order).
  template <typename F>
  void for_each_instance(F f) const {
    for (const auto& [key, type] : types_) {
      for (const auto& [id, instance] : type.instances) {
        f(type, id, instance);
      }
    }
  }

  /// Calls f(type, id, instance) for the first `limit` addresses, in the order of the
  /// addresses (by type, then by id), of those that `keep(type, instance)` accepts; returns how
  /// many it accepts in all. Sorts only what it shows: a summary of a run over many addresses
  /// costs little more than counting them.
  template <typename Keep, typename F>
  std::size_t for_each_instance_in_order(Keep keep, std::size_t limit, F f) const {
    std::vector<const FunctionType*> types;
    types.reserve(types_.size());
    for (const auto& [key, type] : types_) {
      types.push_back(&type);
    }
    std::ranges::sort(types, {}, [](const FunctionType* type) { return type->name.str(); });
    std::size_t kept = 0;
    std::vector<const InstanceEntry*> entries;
    for (const FunctionType* type : types) {
      entries.clear();
      for (const InstanceEntry& entry : type->instances) {
        if (keep(*type, entry.second)) {
          entries.push_back(&entry);
        }
      }
      kept += entries.size();
      const std::size_t shown = std::min(limit, entries.size());
      const auto by_id = [](const InstanceEntry* entry) -> const std::string& {
        return entry->first;
      };
      std::ranges::partial_sort(
          entries, entries.begin() + static_cast<std::ptrdiff_t>(shown), {}, by_id);
      for (std::size_t i = 0; i < shown; ++i) {
        f(*type, entries[i]->first, entries[i]->second);
      }
      limit -= shown;
    }
    return kept;
  }

  /// Requests and messages so far, per function type.
  Counts counts() const;

  const DelayedMessages& delayed() const noexcept { return delayed_; }

  /// The time the run started (trace times are relative to it).
  Clock::time_point start() const noexcept { return start_; }

 private:
  using InstanceEntry = std::unordered_map<std::string, Instance>::value_type;

  /// A message to deliver once the answer that sent it is applied.
  struct Routed {
    FunctionType* type;
    std::string id;
    Pending pending;
  };

  /// The function type `ns/name`, its endpoint looked up once. Throws JobFailure when it is
  /// not a typename (naming `sender`, the instance whose answer sent a message to it) or no
  /// endpoint serves it (naming the address `ns/name/id`).
  FunctionType& type_of(std::string_view ns,
                        std::string_view name,
                        std::string_view id,
                        const InstanceEntry* sender);

  /// The address of an instance.
  static Address address_of(const InstanceEntry& entry) {
    return {entry.second.type->name, entry.first};
  }

  /// The address of the call in flight `call_id`, if there is one.
  std::optional<Address> address_of(std::uint64_t call_id) const;

  /// A message for `id` of `type`: sent now when the address is idle, else queued in its
  /// backlog.
  void deliver(FunctionType& type, std::string id, Pending pending);
  /// Sends the instance's `sent` batch as the address's request, attaching every registered
  /// state.
  void send(InstanceEntry& entry);
  /// on_answer for an answer that need not wait.
  void answer(std::uint64_t call_id, const wire::FromFunctionView& answer);
  void apply(InstanceEntry& entry, const wire::FromFunctionView& answer, std::uint64_t response_id);
  void apply_delayed(const InstanceEntry& entry,
                     const wire::DelayedInvocationView& delayed,
                     std::uint64_t response_id);
  /// The target of a delayed message; throws JobFailure when its type is not a typename.
  static Address delayed_target(const InstanceEntry& entry, const wire::AddressView& target);
  void apply_cancellation(const InstanceEntry& entry,
                          std::string_view token,
                          std::uint64_t response_id);
  void apply_egress(const InstanceEntry& entry,
                    const wire::EgressMessageView& egress,
                    std::uint64_t response_id);
  void apply_mutations(InstanceEntry& entry,
                       const std::vector<wire::MutationView>& mutations,
                       std::uint64_t response_id);
  void register_missing(const InstanceEntry& entry,
                        const wire::FromFunctionView& answer,
                        std::uint64_t call_id);
  /// Delivers the messages the last answer sent, after it was applied (as the runtime routes
  /// them once the function's invocation completed); stops while a first request is in flight.
  void route_sent();
  void update_blocked(Instance& instance);
  /// The module's egress `ns/name`, or nullptr (looked up once per name).
  const Egress* egress_of(std::string_view ns, std::string_view name);

  /// Takes the next trace id; when the observer wants events of `kind`, builds the event with
  /// `make()` and hands it over. Returns the id.
  template <typename Make>
  std::uint64_t trace(TraceEvent::Kind kind, Make make);

  bool traced(TraceEvent::Kind kind) const noexcept {
    return observer_ != nullptr && observer_->wants(kind);
  }

  const Module& module_;
  const Clock& clock_;
  TraceObserver* observer_;
  Clock::time_point start_;
  std::size_t max_in_flight_;
  std::uint64_t next_id_ = 1;
  std::size_t in_flight_ = 0;
  std::size_t blocked_ = 0;                  // addresses whose backlog is at the limit
  std::optional<std::uint64_t> first_call_;  // a type's first request, while in flight
  std::deque<std::pair<std::uint64_t, std::string>> waiting_answers_;  // meanwhile (bytes)
  std::unordered_map<std::string, FunctionType, StringHash, std::equal_to<>> types_;  // "ns/name"
  std::unordered_map<std::string, const Egress*, StringHash, std::equal_to<>> egresses_;
  std::string key_;  // a "ns/name" being looked up
  std::unordered_map<std::uint64_t, InstanceEntry*> calls_;
  std::deque<Routed> to_route_;
  DelayedMessages delayed_;
  std::vector<Call> outbox_;
  std::vector<EgressRecord> egress_out_;
  std::vector<const std::string*> attached_;  // the state values of the request being written
};

}  // namespace statefun::runtime::detail
