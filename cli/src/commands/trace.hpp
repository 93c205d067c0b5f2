// sft trace show: a trace written by `sft run --trace` as a readable timeline, or a diagram.
#pragma once

#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace statefun::cli {

struct TraceShowOptions {
  std::string input;                   ///< the trace file; "-" reads standard input
  std::vector<std::string> kinds;      ///< show only these kinds of events; empty: all
  std::vector<std::string> addresses;  ///< show only events to or from these addresses
  std::string mermaid;                 ///< also write the whole trace as a Mermaid diagram here
  std::string html;                    ///< also write it as a self-contained HTML page here
};

/// Registers `sft trace` with its subcommand `show`; the exit code goes to `exit_code`.
void setup_trace(CLI::App& app, int& exit_code);

/// Prints the timeline (and writes the diagram and the page): 0 done, 2 a file or flag that is not
/// usable (the line of the trace that is not an event is named).
int run_trace_show(const TraceShowOptions& options,
                   std::istream& in,
                   std::ostream& out,
                   std::ostream& err);

}  // namespace statefun::cli
