// sft report merge: one result from the JSON results of several `sft load` runs.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace statefun::cli {

struct ReportMergeOptions {
  std::vector<std::string> inputs;  ///< files written by `sft load --json-report`
  std::string csv_prefix;
  std::string json_report;
  std::string html_report;
};

/// Registers `sft report` with its subcommand `merge`; the exit code goes to `exit_code`.
void setup_report(CLI::App& app, int& exit_code);

/// Merges the results, prints the summary and writes the requested files: 0 done, 2 a file
/// that cannot be read or is not a result.
int run_report_merge(const ReportMergeOptions& options, std::ostream& out, std::ostream& err);

}  // namespace statefun::cli
