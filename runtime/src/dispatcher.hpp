// Dispatcher: the runtime's semantics (PROTOCOL.md section 3) without I/O: messages to
// addresses, one request in flight per address and the backlog as the next batch, state
// registration and attachment, effects applied in the runtime's order, delays, egress, and
// what fails a Flink job. The transport carries its calls; the owner drives time.
#pragma once

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

#include "delayed_messages.hpp"
#include "state_registry.hpp"
#include "stored_values.hpp"

namespace statefun::runtime::detail {

/// A request for the transport: one ToFunction for one address, to its endpoint's URL.
struct Call {
  std::uint64_t id = 0;  ///< the request's trace id: give it back to on_answer
  Address target;
  const Endpoint* endpoint = nullptr;
  std::string url;
  std::string body;  ///< the ToFunction bytes
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

/// Hashes an Address (its type and id) without building its string.
struct AddressHash {
  std::size_t operator()(const Address& address) const noexcept;
};

class Dispatcher {
 public:
  /// A message waiting in an address's backlog or in the batch in flight.
  struct Pending {
    protocol::Invocation invocation;
    std::uint64_t message_id = 0;  ///< its trace id
  };

  /// What the runtime holds for one address.
  struct Instance {
    std::optional<std::uint64_t> in_flight;  ///< the id of its request in flight
    std::vector<Pending> sent;               ///< the batch in flight
    std::vector<Pending> backlog;            ///< what came in meanwhile: the next batch
    StoredValues values;
    bool blocked = false;  ///< its backlog has reached maxNumBatchRequests
  };

  using Instances = std::unordered_map<Address, Instance, AddressHash>;

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

  /// The function's answer to the call `call_id`: applies it (or registers the missing state
  /// and sends the same invocations again). Throws JobFailure for what fails a Flink job.
  /// While a type's first request is in flight, other answers wait for its answer.
  void on_answer(std::uint64_t call_id, const protocol::Response& response);

  /// The call `call_id` failed for good (its retries exhausted): throws JobFailure.
  [[noreturn]] void on_failure(std::uint64_t call_id, const std::string& why);

  /// Records a failed attempt that will be retried (for the trace).
  void on_retry(std::uint64_t call_id, const std::string& why);

  /// Delivers every delayed message due at the clock's now.
  void fire_due();

  /// When the next delayed message is due, if one is pending.
  std::optional<Clock::time_point> next_due() const { return delayed_.next_due(); }

  /// The calls to send, in order (each at most once).
  std::vector<Call> take_calls();

  /// The egress records produced, in order.
  std::vector<EgressRecord> take_egress();

  /// Whether a request is in flight or a call waits to be taken.
  bool busy() const noexcept { return in_flight_ > 0 || !outbox_.empty(); }

  /// False while the runtime's task takes no input: an address's backlog has reached its
  /// endpoint's maxNumBatchRequests (until that address's request completes), the first request
  /// to a function type is in flight (the runtime sends it blocking: its task does nothing else
  /// until the answer), or `max_in_flight` requests are in flight.
  bool accepting_input() const noexcept {
    return blocked_ == 0 && !first_call_ && in_flight_ < max_in_flight_;
  }

  /// Every address the run has seen, and what it holds (in no order).
  const Instances& instances() const noexcept { return instances_; }

  /// The registered state specs of `type`, or nullptr.
  const StateRegistry* registry(const TypeName& type) const;

  /// Requests and messages so far, per function type.
  Counts counts() const;

  const DelayedMessages& delayed() const noexcept { return delayed_; }

  /// The time the run started (trace times are relative to it).
  Clock::time_point start() const noexcept { return start_; }

 private:
  /// What the dispatcher keeps per function type that an endpoint serves.
  struct FunctionType {
    const Endpoint* endpoint = nullptr;
    std::string url;  ///< the endpoint's URL for the type
    StateRegistry registry;
    bool loaded = false;  ///< its first request was sent
    std::uint64_t requests = 0;
    std::uint64_t messages = 0;
  };

  using InstanceEntry = Instances::value_type;

  /// The type of `address`, its endpoint looked up once; throws JobFailure when no endpoint
  /// serves it.
  FunctionType& type_of(const Address& address);
  InstanceEntry& instance(const Address& address);
  /// The address of the call in flight `call_id`, if there is one.
  std::optional<Address> address_of(std::uint64_t call_id) const;

  /// A message for `target`: sent now when the address is idle, else queued in its backlog.
  void deliver(const Address& target, Pending pending);
  /// Sends `batch` as the address's request (attaching every registered state).
  void send(InstanceEntry& entry, FunctionType& type, std::vector<Pending> batch);
  /// on_answer for an answer that need not wait.
  void answer(std::uint64_t call_id, const protocol::Response& response);
  void apply(InstanceEntry& entry,
             FunctionType& type,
             const protocol::Response& response,
             std::uint64_t response_id);
  void apply_delayed(const Address& address,
                     const protocol::SentDelayedMessage& delayed,
                     std::uint64_t response_id);
  void apply_cancellation(const Address& address,
                          const std::string& token,
                          std::uint64_t response_id);
  void apply_egress(const Address& address,
                    const protocol::SentEgress& egress,
                    std::uint64_t response_id);
  void apply_mutations(InstanceEntry& entry,
                       const StateRegistry& registry,
                       const std::vector<protocol::StateMutation>& mutations,
                       std::uint64_t response_id);
  void register_missing(const Address& address,
                        StateRegistry& registry,
                        const protocol::Response& response,
                        std::uint64_t call_id);
  /// Delivers the messages the last answer sent, after it was applied (as the runtime routes
  /// them once the function's invocation completed); stops while a first request is in flight.
  void route_sent();
  void update_blocked(Instance& instance, const FunctionType& type);

  /// Takes the next trace id; when the observer wants events of `kind`, builds the event with
  /// `make()` and hands it over. Returns the id.
  template <typename Make>
  std::uint64_t trace(TraceEvent::Kind kind, Make make);

  const Module& module_;
  const Clock& clock_;
  TraceObserver* observer_;
  Clock::time_point start_;
  std::size_t max_in_flight_;
  std::uint64_t next_id_ = 1;
  std::size_t in_flight_ = 0;
  std::size_t blocked_ = 0;                  // addresses whose backlog is at the limit
  std::optional<std::uint64_t> first_call_;  // a type's first request, while in flight
  std::deque<std::pair<std::uint64_t, protocol::Response>> waiting_answers_;  // meanwhile
  Instances instances_;
  std::unordered_map<std::string, FunctionType> types_;  // by "namespace/name"
  std::unordered_map<std::uint64_t, InstanceEntry*> calls_;
  std::deque<std::pair<Address, Pending>> to_route_;
  DelayedMessages delayed_;
  std::vector<Call> outbox_;
  std::vector<EgressRecord> egress_out_;
};

}  // namespace statefun::runtime::detail
