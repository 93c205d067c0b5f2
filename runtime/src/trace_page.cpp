// The trace page: the sequence diagram drawn by the embedded Mermaid, and the steps as a table
// whose "after" column links each step to the ones it follows from.
#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstddef>
#include <map>
#include <sstream>

#include <statefun/runtime/sequence_diagram.hpp>
#include <statefun/runtime/trace_page.hpp>
#include <statefun/runtime/trace_timeline.hpp>
#include <statefun/text/markup.hpp>

#include "diagram_library.hpp"

namespace statefun::runtime {

namespace {

constexpr std::string_view kStyle = R"(
body { font-family: system-ui, sans-serif; margin: 1.5em 2em; color: #1d232a; }
h1 { font-size: 1.4em; margin-bottom: 0.2em; }
h2 { font-size: 1.1em; margin-top: 1.6em; }
.meta, .note { color: #56606b; }
.error { color: #a11; font-weight: bold; }
#diagram { background: #fff; overflow-x: auto; }
table { border-collapse: collapse; font-size: 0.9em; }
th, td { text-align: left; padding: 0.15em 0.7em; border-bottom: 1px solid #e3e6ea;
         vertical-align: top; }
td.step { font-family: ui-monospace, monospace; white-space: pre-wrap; word-break: break-all; }
td.time { text-align: right; font-variant-numeric: tabular-nums; }
tr:target { background: #fff4c2; }
)";

// Draws the diagram; the body's data-diagram-drawn (or data-diagram-error) says how it went.
constexpr std::string_view kScript = R"(
mermaid.initialize({startOnLoad: false, securityLevel: 'strict', maxTextSize: 10000000,
                    sequence: {useMaxWidth: false}});
mermaid.run({querySelector: '#diagram'}).then(() => {
  document.body.dataset.diagramDrawn = '1';
}).catch((error) => {
  const why = String((error && error.message) || error);
  document.body.dataset.diagramError = why;
  const line = document.createElement('p');
  line.className = 'error';
  line.textContent = 'The diagram could not be drawn: ' + why;
  document.getElementById('diagram').before(line);
});
)";

std::string milliseconds(Clock::duration time) {
  std::array<char, 32> digits{};
  const double ms = std::chrono::duration<double, std::milli>(time).count();
  const auto written =
      std::to_chars(digits.data(), digits.data() + digits.size(), ms, std::chars_format::fixed, 3);
  return {digits.data(), written.ptr};
}

std::string counts_text(const std::vector<TraceEvent>& events) {
  std::map<std::string_view, std::size_t> counts;
  for (const TraceEvent& event : events) {
    ++counts[kind_name(event.kind)];
  }
  std::string text = std::to_string(events.size()) + (events.size() == 1 ? " event" : " events");
  std::string parts;
  for (const auto& [kind, n] : counts) {
    parts += (parts.empty() ? "" : ", ") + std::string(kind) + " " + std::to_string(n);
  }
  return parts.empty() ? text : text + " (" + parts + ")";
}

void write_row(std::ostream& page, const TraceEvent& event) {
  page << R"(<tr id="e)" << event.id << R"("><td class="time">)" << milliseconds(event.time)
       << "</td><td>#" << event.id << "</td><td>" << kind_name(event.kind)
       << "</td><td class=\"step\">" << text::escape_markup(timeline_step(event)) << "</td><td>";
  for (std::size_t i = 0; i < event.causes.size(); ++i) {
    page << (i == 0 ? "" : ", ") << "<a href=\"#e" << event.causes[i] << "\">#" << event.causes[i]
         << "</a>";
  }
  page << "</td></tr>\n";
}

void write_diagram(std::ostream& page, const std::vector<TraceEvent>& events, std::size_t limit) {
  page << "<h2>Message flow</h2>\n";
  if (events.size() > limit) {
    page << "<p class=\"note\">The diagram draws the first " << limit << " of " << events.size()
         << " events; the table lists more.</p>\n";
  }
  const std::vector<TraceEvent> drawn(
      events.begin(), events.begin() + static_cast<std::ptrdiff_t>(std::min(limit, events.size())));
  page << R"(<pre id="diagram" class="mermaid">)" << text::escape_markup(mermaid_sequence(drawn))
       << "</pre>\n";
}

void write_table(std::ostream& page, const std::vector<TraceEvent>& events, std::size_t limit) {
  page << "<h2>Steps</h2>\n";
  if (events.size() > limit) {
    page << "<p class=\"note\">The table lists the first " << limit << " of " << events.size()
         << " events (sft trace show prints them all).</p>\n";
  }
  page << "<table><thead><tr><th>time (ms)</th><th>event</th><th>kind</th><th>step</th>"
          "<th>after</th></tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < std::min(limit, events.size()); ++i) {
    write_row(page, events[i]);
  }
  page << "</tbody></table>\n";
}

}  // namespace

std::string TraceSample::left_out() const {
  return seen_ > events_.size() ? "the first " + std::to_string(events_.size()) + " of " +
                                      std::to_string(seen_) + " steps"
                                : std::string();
}

std::string trace_page(const std::vector<TraceEvent>& events,
                       std::string_view title,
                       const TracePageLimits& limits) {
  std::ostringstream page;
  const std::string name = text::escape_markup(title);
  page << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
       << "<title>sft trace: " << name << "</title>\n<style>" << kStyle << "</style>\n"
       << "</head><body>\n<h1>sft trace: " << name << "</h1>\n<p class=\"meta\">"
       << text::escape_markup(counts_text(events)) << "</p>\n";
  write_diagram(page, events, limits.diagram_events);
  write_table(page, events, limits.table_events);
  page << "<script>" << detail::diagram_library_js() << "</script>\n<script>" << kScript
       << "</script>\n</body></html>\n";
  return page.str();
}

}  // namespace statefun::runtime
