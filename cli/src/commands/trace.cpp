#include "commands/trace.hpp"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <statefun/error.hpp>
#include <statefun/runtime/sequence_diagram.hpp>
#include <statefun/runtime/trace_json.hpp>
#include <statefun/runtime/trace_page.hpp>
#include <statefun/runtime/trace_timeline.hpp>

#include "exit_codes.hpp"

namespace statefun::cli {

namespace {

using runtime::TraceEvent;

/// Every kind's name, as --kind takes them: "ingress, request, ...", from the runtime's list.
std::string kind_names() {
  std::string names;
  for (const TraceEvent::Kind kind : runtime::all_kinds()) {
    names += (names.empty() ? "" : ", ") + std::string(runtime::kind_name(kind));
  }
  return names;
}

/// Which events the flags select.
class Selection {
 public:
  explicit Selection(const TraceShowOptions& o) {
    for (const std::string& kind : o.kinds) {
      if (!runtime::kind_from_name(kind)) {
        throw UsageError("--kind " + kind + ": not a kind of event (" + kind_names() + ")");
      }
      kinds_.push_back(kind);
    }
    for (const std::string& address : o.addresses) {
      try {
        addresses_.push_back(Address::parse(address));
      } catch (const Error& e) {
        throw UsageError("--address: " + std::string(e.what()));
      }
    }
  }

  bool selects(const TraceEvent& e) const {
    const auto named = [&](const std::optional<Address>& a) {
      return a && std::find(addresses_.begin(), addresses_.end(), *a) != addresses_.end();
    };
    return (kinds_.empty() ||
            std::find(kinds_.begin(), kinds_.end(), runtime::kind_name(e.kind)) != kinds_.end()) &&
           (addresses_.empty() || named(e.to) || named(e.from));
  }

 private:
  std::vector<std::string> kinds_;
  std::vector<Address> addresses_;
};

std::string summary(const std::map<std::string_view, std::uint64_t>& counts, std::uint64_t all) {
  std::string out = "sft trace: " + std::to_string(all) + (all == 1 ? " event" : " events");
  std::string parts;
  for (const auto& [kind, n] : counts) {
    parts += (parts.empty() ? "" : ", ") + std::string(kind) + " " + std::to_string(n);
  }
  return out + (parts.empty() ? "" : " (" + parts + ")");
}

}  // namespace

void setup_trace(CLI::App& app, int& exit_code) {
  CLI::App* trace = app.add_subcommand("trace", "Read the trace of a run (sft run --trace)");
  trace->require_subcommand(1);
  auto o = std::make_shared<TraceShowOptions>();
  CLI::App* show = trace->add_subcommand(
      "show", "Print a trace as a timeline: one line per step, with what caused it");
  show->add_option("FILE", o->input, "The trace (JSON lines from sft run --trace); - for stdin")
      ->required();
  show->add_option("--kind", o->kinds, "Show only these kinds of events (repeatable)")
      ->delimiter(',');
  show->add_option("--address", o->addresses, "Show only events to or from this address");
  show->add_option("--mermaid", o->mermaid, "Also write the whole trace as a Mermaid diagram");
  show->add_option("--html",
                   o->html,
                   "Also write the trace as a page that opens offline: the diagram drawn, and "
                   "every step linked to what caused it");
  show->footer("Kinds: " + kind_names() +
               ".\nExample:\n  sft run module.yaml --send visits.jsonl --trace t.jsonl && "
               "sft trace show t.jsonl --kind message,egress");
  show->callback(
      [o, &exit_code] { exit_code = run_trace_show(*o, std::cin, std::cout, std::cerr); });
}

namespace {

/// The file or standard input the flags name, opened.
std::istream& open_input(const TraceShowOptions& o, std::istream& in, std::ifstream& file) {
  if (o.input == "-") {
    return in;
  }
  file.open(o.input, std::ios::binary);
  if (!file) {
    throw UsageError(o.input + ": cannot read this file");
  }
  return file;
}

/// Opens `path` for `flag` unless it is empty. Throws UsageError.
void open_output(const std::string& path, std::string_view flag, std::ofstream& file) {
  if (path.empty()) {
    return;
  }
  file.open(path, std::ios::binary | std::ios::trunc);
  if (!file) {
    throw UsageError(std::string(flag) + " " + path + ": cannot write this file");
  }
}

/// Prints the selected events and the summary; keeps the first events in `sample` (the
/// diagram, the page).
void show(runtime::TraceReader& reader,
          const Selection& selection,
          runtime::TraceSample& sample,
          std::ostream& out) {
  std::map<std::string_view, std::uint64_t> counts;
  std::uint64_t all = 0;
  while (std::optional<TraceEvent> event = reader.next()) {
    ++all;
    ++counts[runtime::kind_name(event->kind)];
    if (selection.selects(*event)) {
      out << runtime::timeline_line(*event) << "\n";
    }
    sample.add(std::move(*event));
  }
  out << summary(counts, all) << "\n";
}

}  // namespace

int run_trace_show(const TraceShowOptions& o,
                   std::istream& in,
                   std::ostream& out,
                   std::ostream& err) {
  try {
    const Selection selection(o);
    std::ifstream file;
    std::istream& input = open_input(o, in, file);
    std::ofstream mermaid;
    open_output(o.mermaid, "--mermaid", mermaid);
    std::ofstream html;
    open_output(o.html, "--html", html);
    const std::string name = o.input == "-" ? "stdin" : o.input;
    runtime::TraceReader reader(input, name);
    runtime::TraceSample sample(
        mermaid.is_open() || html.is_open() ? runtime::TraceSample::kDefaultKept : 0);
    show(reader, selection, sample, out);
    const std::string left_out = sample.left_out();
    if (mermaid.is_open()) {
      mermaid << runtime::mermaid_sequence(sample.events())
              << (left_out.empty() ? "" : "    %% sft trace show: " + left_out + "\n");
    }
    if (html.is_open()) {
      html << runtime::trace_page(sample.events(),
                                  name + (left_out.empty() ? "" : ", " + left_out));
    }
    return kExitOk;
  } catch (const UsageError& e) {
    err << "sft trace show: " << e.what() << "\n";
  } catch (const runtime::TraceError& e) {
    err << "sft trace show: " << e.what() << "\n";
  }
  return kExitUsage;
}

}  // namespace statefun::cli
