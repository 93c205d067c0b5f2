#include "commands/report.hpp"

#include <exception>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <vector>

#include <statefun/load/report.hpp>
#include <statefun/load/result.hpp>
#include <statefun/protocol/json_text.hpp>

#include "exit_codes.hpp"
#include "input_file.hpp"

namespace statefun::cli {

namespace {

load::LoadResult read_result(const std::string& path) {
  const auto json = protocol::parse_json(read_input(path, std::cin, ""));
  if (json.is_discarded()) {
    throw UsageError("'" + path + "' is not JSON");
  }
  try {
    return load::result_from_json(json);
  } catch (const std::invalid_argument& e) {
    throw UsageError("'" + path + "': " + e.what());
  }
}

}  // namespace

void setup_report(CLI::App& app, int& exit_code) {
  CLI::App* report = app.add_subcommand("report", "Work with the results of `sft load`");
  report->require_subcommand(1);
  auto o = std::make_shared<ReportMergeOptions>();
  CLI::App* merge =
      report->add_subcommand("merge", "Merge the JSON results of runs made at the same time");
  merge->add_option("FILES", o->inputs, "Results written by `sft load --json-report`")->required();
  merge->add_option("--csv", o->csv_prefix, "Write Locust's four CSV files with this prefix");
  merge->add_option("--json-report", o->json_report, "Write the merged result as JSON");
  merge->add_option("--html", o->html_report, "Write a self-contained HTML report");
  merge->callback([o, &exit_code] { exit_code = run_report_merge(*o, std::cout, std::cerr); });
}

int run_report_merge(const ReportMergeOptions& o, std::ostream& out, std::ostream& err) {
  try {
    std::vector<load::LoadResult> results;
    for (const auto& path : o.inputs) {
      results.push_back(read_result(path));
    }
    const load::LoadResult merged = load::merge_results(results);
    load::print_summary(out, merged);
    if (!o.csv_prefix.empty()) {
      load::write_csv_files(o.csv_prefix, merged);
    }
    if (!o.json_report.empty()) {
      load::write_text_file(o.json_report, load::to_json(merged).dump(1) + "\n");
    }
    if (!o.html_report.empty()) {
      load::write_text_file(o.html_report, load::html_report(merged));
    }
    return kExitOk;
  } catch (const std::exception& e) {
    err << "sft report merge: " << e.what() << "\n";
    return kExitUsage;
  }
}

}  // namespace statefun::cli
