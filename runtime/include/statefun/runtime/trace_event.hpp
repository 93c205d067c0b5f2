// TraceEvent: one step of a pipeline run (a message in, a request out, an answer, an effect),
// with the ids of the steps that caused it: what `sft run --trace` records and draws.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <statefun/address.hpp>
#include <statefun/clock.hpp>
#include <statefun/typed_value.hpp>

namespace statefun::runtime {

/// One step of a run. Every event has an id, unique and increasing in the run; `causes` names
/// the events it follows from: a request its messages, an answer its request, an effect the
/// answer that carried it, a delivered delayed message the one that sent it.
struct TraceEvent {
  enum class Kind : std::uint8_t {
    ingress,        ///< a message came in (an ingress, --send, a flag); to: its target
    request,        ///< a batch went to a function; to: the address; count: invocations
    retry,          ///< an attempt of a request failed and will be retried; detail: why
    missing_state,  ///< the function asked for state; name: the names it registered
    response,       ///< the function answered with effects; count: how many
    message,        ///< a function sent a message; from, to, value
    delayed,        ///< a function sent a delayed message; name: its token; count: delay ms
    cancelled,      ///< a function cancelled a delayed message; name: its token
    fired,          ///< a delayed message became due; causes: the delayed event
    egress,         ///< a record reached an egress; name: the egress; detail: its topic
    state,          ///< a state mutation was applied; name: the state; no value: deleted
    failure,        ///< the run stopped as a Flink job fails; detail: the reason
  };

  Kind kind = Kind::ingress;
  std::uint64_t id = 0;
  std::vector<std::uint64_t> causes{};
  Clock::duration time{};  ///< since the run started
  std::optional<Address> from{};
  std::optional<Address> to{};
  std::optional<TypedValue> value{};
  std::string name{};
  std::int64_t count = 0;
  std::string detail{};
};

/// "ingress", "request", ..., as the trace's JSON lines name the kinds.
std::string_view kind_name(TraceEvent::Kind kind) noexcept;

/// Every kind, in the order of the enumeration.
const std::vector<TraceEvent::Kind>& all_kinds();

/// The kind `name` names (kind_name's inverse), or nullopt.
std::optional<TraceEvent::Kind> kind_from_name(std::string_view name) noexcept;

/// Receives every step of a run as it happens (the trace file, the summary, a test).
class TraceObserver {
 public:
  virtual ~TraceObserver() = default;
  virtual void on_event(const TraceEvent& event) = 0;

  /// Whether on_event wants events of `kind`: a run builds an event (copies of its addresses
  /// and values) only when its observer wants it.
  virtual bool wants(TraceEvent::Kind /*kind*/) const noexcept { return true; }

 protected:
  TraceObserver() = default;
  TraceObserver(const TraceObserver&) = default;
  TraceObserver& operator=(const TraceObserver&) = default;
};

}  // namespace statefun::runtime
