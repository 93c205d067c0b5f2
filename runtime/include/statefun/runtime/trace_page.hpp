// The trace of a run as one self-contained HTML page: the Mermaid sequence diagram, drawn in the
// page by the Mermaid library it embeds (it opens offline), and a table of every step.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <statefun/runtime/trace_event.hpp>

namespace statefun::runtime {

/// How much of a trace the page shows: Mermaid lays out a diagram of thousands of steps slowly
/// and it cannot be read; the table stays a page a browser opens at once.
struct TracePageLimits {
  std::size_t diagram_events = 400;   ///< the diagram draws the first this many events
  std::size_t table_events = 20'000;  ///< the table lists the first this many
};

/// The first events of a run, kept for a diagram or a page, and how many there were: a long
/// run's memory stays bounded, and no diagram of millions of steps can be read.
class TraceSample final : public TraceObserver {
 public:
  static constexpr std::size_t kDefaultKept = 20'000;

  explicit TraceSample(std::size_t kept = kDefaultKept) : kept_(kept) {}

  void on_event(const TraceEvent& event) override { add(event); }

  /// Keeps `event` while fewer than `kept` are kept; counts it in any case.
  void add(TraceEvent event) {
    ++seen_;
    if (events_.size() < kept_) {
      events_.push_back(std::move(event));
    }
  }

  const std::vector<TraceEvent>& events() const noexcept { return events_; }

  /// "the first 20000 of 31337 steps" when some were left out, else "".
  std::string left_out() const;

 private:
  std::size_t kept_;
  std::size_t seen_ = 0;
  std::vector<TraceEvent> events_;
};

/// The page for `events` (in the order they happened), titled after `title` (the trace's
/// file). Every text of the trace is escaped; the page loads nothing from elsewhere.
///
/// Example:
///   const TraceEvent visit{.kind = TraceEvent::Kind::ingress, .id = 1};
///   assert(trace_page({visit}, "t.jsonl").starts_with("<!DOCTYPE html>"));
std::string trace_page(const std::vector<TraceEvent>& events,
                       std::string_view title,
                       const TracePageLimits& limits = {});

}  // namespace statefun::runtime
