// The trace of a run as JSON lines: one object per TraceEvent, what `sft run --trace FILE`
// writes (and `sft trace show` will read).
#pragma once

#include <ostream>

#include <nlohmann/json.hpp>

#include <statefun/runtime/trace_event.hpp>

namespace statefun::runtime {

/// `event` as one JSON object: "id", "kind", "time_ms" (since the run started), and those of
/// "causes", "from", "to", "value" (in the form `sft decode` prints), "name", "count" and
/// "detail" that the event has.
///
/// Example:
///   const Address bob("example/person", "Bob");
///   const TraceEvent event{.kind = TraceEvent::Kind::ingress, .id = 1, .to = bob};
///   assert(trace_json(event)["to"] == "example/person/Bob");
nlohmann::json trace_json(const TraceEvent& event);

/// Writes every event it is told of as a JSON line to `out` (flushed per line, so that a trace
/// survives a run that is killed).
class TraceWriter final : public TraceObserver {
 public:
  explicit TraceWriter(std::ostream& out) : out_(out) {}

  void on_event(const TraceEvent& event) override;

 private:
  std::ostream& out_;
};

}  // namespace statefun::runtime
