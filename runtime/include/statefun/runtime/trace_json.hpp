// The trace of a run as JSON lines: one object per TraceEvent, what `sft run --trace FILE`
// writes and `sft trace show` reads.
#pragma once

#include <cstddef>
#include <istream>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <utility>

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

/// The event a JSON object written by trace_json stands for. Throws std::invalid_argument with
/// the reason when it is not one: a missing or mistyped key, an unknown kind, a malformed
/// address or value.
///
/// Example:
///   const TraceEvent event = trace_event_from_json(
///       nlohmann::json::parse(R"({"id": 3, "kind": "egress", "time_ms": 1.5,
///                                 "name": "io.statefun.playground/egress"})"));
///   assert(event.kind == TraceEvent::Kind::egress && event.id == 3);
TraceEvent trace_event_from_json(const nlohmann::json& in);

/// A trace file that cannot be read: what() is "file:line: reason".
class TraceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Reads a trace (`sft run --trace`) one event at a time, whatever its size: blank lines are
/// skipped; a line longer than kMaxLineBytes, or one that is not an event, is a TraceError.
class TraceReader {
 public:
  /// The longest line read: far beyond any event, which carries one message.
  static constexpr std::size_t kMaxLineBytes = std::size_t{64} << 20;

  /// `file` names the input in errors; `in` must outlive the reader.
  TraceReader(std::istream& in, std::string file) : in_(in), file_(std::move(file)) {}

  /// The next event, or nullopt at the end of the input.
  std::optional<TraceEvent> next();

  /// The number of the line last read (1-based).
  std::size_t line() const noexcept { return line_; }

 private:
  std::istream& in_;
  std::string file_;
  std::size_t line_ = 0;
};

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
