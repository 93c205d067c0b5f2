// JUnit XML output.
#include <algorithm>
#include <cstdio>
#include <string>

#include <statefun/testkit/junit.hpp>
#include <statefun/testkit/test_report.hpp>

namespace statefun::testkit {

namespace {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
          out += "\xEF\xBF\xBD";  // U+FFFD: XML 1.0 has no way to write these
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string seconds(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", value);
  return text;
}

double seconds_of(const CaseResult& r) {
  return std::chrono::duration<double>(r.duration).count();
}

void write_case(std::ostream& out, const CaseResult& r) {
  out << "    <testcase classname=\"" << escape(r.file) << "\" name=\"" << escape(r.id)
      << "\" time=\"" << seconds(seconds_of(r)) << "\" file=\"" << escape(r.file) << "\" line=\""
      << r.where.line << "\"";
  switch (r.outcome) {
    case CaseResult::Outcome::passed:
      out << "/>\n";
      return;
    case CaseResult::Outcome::failed:
      out << ">\n      <failure message=\"" << escape(r.summary) << "\" type=\"AssertionError\">"
          << escape(r.message) << "</failure>\n";
      break;
    case CaseResult::Outcome::skipped:
      out << ">\n      <skipped message=\"" << escape(r.message) << "\"/>\n";
      break;
  }
  out << "    </testcase>\n";
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
  out << "  <testsuite name=\"" << escape(file) << "\" tests=\"" << mine.size() << "\" failures=\""
      << totals.failed << "\" errors=\"0\" skipped=\"" << totals.skipped << "\" time=\""
      << seconds(time) << "\">\n";
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
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"sft test\" tests=\"" << results.size() << "\" failures=\""
      << totals.failed << "\" errors=\"0\" skipped=\"" << totals.skipped << "\" time=\""
      << seconds(elapsed.count()) << "\">\n";
  std::vector<std::string> files;
  for (const auto& r : results) {
    if (std::find(files.begin(), files.end(), r.file) == files.end()) {
      files.push_back(r.file);
      write_suite(out, r.file, results);
    }
  }
  out << "</testsuites>\n";
}

}  // namespace statefun::testkit
