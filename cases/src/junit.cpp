// JUnit XML output.
#include <algorithm>
#include <array>
#include <charconv>
#include <string>
#include <string_view>

#include <statefun/cases/junit.hpp>
#include <statefun/cases/test_report.hpp>
#include <statefun/text/markup.hpp>

namespace statefun::cases {

namespace {

std::string seconds(double value) {
  std::array<char, 32> text{};
  char* end =
      std::to_chars(text.data(), text.data() + text.size(), value, std::chars_format::fixed, 3).ptr;
  return {text.data(), end};
}

double seconds_of(const CaseResult& r) {
  return std::chrono::duration<double>(r.duration).count();
}

/// ` key="value"`, escaped.
std::string attribute(std::string_view key, std::string_view value) {
  return " " + std::string(key) + "=\"" + text::escape_markup(value) + "\"";
}

std::string attribute(std::string_view key, std::size_t value) {
  return attribute(key, std::string_view(std::to_string(value)));
}

void write_case(std::ostream& out, const CaseResult& r) {
  out << "    <testcase" << attribute("classname", r.file) << attribute("name", r.id)
      << attribute("time", seconds(seconds_of(r))) << attribute("file", r.file)
      << attribute("line", static_cast<std::size_t>(std::max(r.where.line, 0)));
  switch (r.outcome) {
    case CaseResult::Outcome::passed:
      out << "/>\n";
      return;
    case CaseResult::Outcome::failed:
      out << ">\n      <failure" << attribute("message", r.summary)
          << attribute("type", "AssertionError") << ">" << text::escape_markup(r.message)
          << "</failure>\n";
      break;
    case CaseResult::Outcome::skipped:
      out << ">\n      <skipped" << attribute("message", r.message) << "/>\n";
      break;
  }
  out << "    </testcase>\n";
}

/// Counts and the other attributes of <testsuites> and <testsuite>.
std::string totals_attributes(std::size_t tests, const RunTotals& totals, double time) {
  return attribute("tests", tests) + attribute("failures", totals.failed) +
         attribute("errors", std::size_t{0}) + attribute("skipped", totals.skipped) +
         attribute("time", seconds(time));
}

void write_suite(std::ostream& out, const std::string& file, const std::vector<CaseResult>& all) {
  std::vector<const CaseResult*> mine;
  double time = 0;
  RunTotals totals;
  for (const auto& r : all) {
    if (r.file == file) {
      mine.push_back(&r);
      time += seconds_of(r);
      totals.failed += r.outcome == CaseResult::Outcome::failed ? 1 : 0;
      totals.skipped += r.outcome == CaseResult::Outcome::skipped ? 1 : 0;
    }
  }
  out << "  <testsuite" << attribute("name", file) << totals_attributes(mine.size(), totals, time)
      << ">\n";
  for (const auto* r : mine) {
    write_case(out, *r);
  }
  out << "  </testsuite>\n";
}

}  // namespace

void write_junit(std::ostream& out,
                 const std::vector<CaseResult>& results,
                 std::chrono::duration<double> elapsed) {
  const RunTotals totals = count_results(results);
  out << R"(<?xml version="1.0" encoding="UTF-8"?>)"
      << "\n";
  out << "<testsuites" << attribute("name", "sft test")
      << totals_attributes(results.size(), totals, elapsed.count()) << ">\n";
  std::vector<std::string> files;
  for (const auto& r : results) {
    if (std::find(files.begin(), files.end(), r.file) == files.end()) {
      files.push_back(r.file);
      write_suite(out, r.file, results);
    }
  }
  out << "</testsuites>\n";
}

}  // namespace statefun::cases
