// JUnit XML reports of test runs, as CI systems read them.
#pragma once

#include <chrono>
#include <ostream>
#include <vector>

#include <statefun/cases/case_runner.hpp>

namespace statefun::cases {

/// Writes JUnit XML: <testsuites> with one <testsuite name=FILE> per file (in the order the
/// files first appear), one <testcase classname=FILE name=ID time=SECONDS file=FILE line=N> per
/// case, holding <failure message="first line">every failure</failure> or
/// <skipped message="reason"/>. Text is escaped; characters XML 1.0 forbids become U+FFFD.
///
/// Example:
///   std::ofstream xml(junit_path);
///   write_junit(xml, results, elapsed);
void write_junit(std::ostream& out,
                 const std::vector<CaseResult>& results,
                 std::chrono::duration<double> elapsed);

}  // namespace statefun::cases
