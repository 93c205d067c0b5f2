// The trace of a run as one self-contained HTML page: the Mermaid sequence diagram, drawn in the
// page by the Mermaid library it embeds (it opens offline), and a table of every step.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <statefun/runtime/trace_event.hpp>

namespace statefun::runtime {

/// How much of a trace the page shows: Mermaid lays out a diagram of thousands of steps slowly
/// and it cannot be read; the table stays a page a browser opens at once.
struct TracePageLimits {
  std::size_t diagram_events = 400;   ///< the diagram draws the first this many events
  std::size_t table_events = 20'000;  ///< the table lists the first this many
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
