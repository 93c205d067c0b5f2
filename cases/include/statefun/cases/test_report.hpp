// The console report of a test run, like pytest's.
#pragma once

#include <chrono>
#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <statefun/cases/case_runner.hpp>

namespace statefun::cases {

/// Counts of a run.
struct RunTotals {
  std::size_t passed = 0;
  std::size_t failed = 0;
  std::size_t skipped = 0;
  std::size_t deselected = 0;
};

/// The totals of `results`, plus `deselected` cases that did not run.
RunTotals count_results(const std::vector<CaseResult>& results, std::size_t deselected = 0);

/// "3 passed, 1 failed in 0.12s", with ", N skipped" and ", N deselected" when any.
std::string closing_line(const RunTotals& totals, std::chrono::duration<double> elapsed);

/// The results as one JSON document (`sft test --output json`):
/// {"passed": N, "failed": N, "skipped": N, "deselected": N, "seconds": S, "cases": [{"file",
/// "id", "location" ("file:line:column"), "outcome" ("passed"|"failed"|"skipped"), "seconds",
/// "message" (failed: every failure with its diff; skipped: the reason), "unreachable"}]}.
nlohmann::json results_to_json(const std::vector<CaseResult>& results,
                               std::size_t deselected,
                               std::chrono::duration<double> elapsed);

/// Prints a run like pytest: a line per case (`file::id PASSED`) or, quiet, a character per case
/// (`.`, `F`, `s`); then each failure with its diff, a short summary and the closing line.
///
/// Example:
///   ConsoleReport report(out, false);
///   report.start(cases, 0, 1);
///   auto results = run_cases(jobs, 4, factory, [&](const auto& r) { report.case_done(r); });
///   report.finish(results, 0, elapsed);
class ConsoleReport {
 public:
  /// Prints to `out`; `quiet` prints a character per case instead of a line.
  ConsoleReport(std::ostream& out, bool quiet) : out_(out), quiet_(quiet) {}

  /// "collected 12 cases from 1 file (2 deselected)".
  void start(std::size_t selected, std::size_t deselected, std::size_t files);

  /// "FILE::ID PASSED" (FAILED, SKIPPED (reason)), or `.`, `F`, `s` when quiet.
  void case_done(const CaseResult& result);

  /// Every failure with its diff, the short summary of failures, and the closing line.
  void finish(const std::vector<CaseResult>& results,
              std::size_t deselected,
              std::chrono::duration<double> elapsed);

 private:
  std::ostream& out_;
  bool quiet_;
  std::size_t column_ = 0;
};

}  // namespace statefun::cases
