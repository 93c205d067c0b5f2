#include <chrono>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <statefun/cases/junit.hpp>
#include <statefun/cases/test_command.hpp>
#include <statefun/cases/test_report.hpp>

namespace statefun::cases {
namespace {

using std::chrono::milliseconds;
using testing::HasSubstr;

std::vector<CaseResult> sample_results() {
  CaseResult passed;
  passed.file = "g.test.yaml";
  passed.id = "greet[visits=1]";
  passed.duration = milliseconds(3);
  passed.where = {"g.test.yaml", 4, 5};
  CaseResult failed = passed;
  failed.id = "greet[visits=3]";
  failed.outcome = CaseResult::Outcome::failed;
  failed.summary = "expected <egress> & \"more\"";
  failed.message = failed.summary + "\n  - a\n  + b\x01\n";
  CaseResult skipped = passed;
  skipped.id = "later";
  skipped.outcome = CaseResult::Outcome::skipped;
  skipped.message = "not ready";
  return {passed, failed, skipped};
}

TEST(ClosingLine, CountsLikePytest) {
  EXPECT_EQ(closing_line({3, 0, 0, 0}, std::chrono::duration<double>(0.123)),
            "3 passed, 0 failed in 0.12s");
  EXPECT_EQ(closing_line({1, 2, 3, 4}, std::chrono::duration<double>(1.5)),
            "1 passed, 2 failed, 3 skipped, 4 deselected in 1.50s");
}

TEST(ConsoleReport, ALinePerCaseThenFailuresAndTheClosingLine) {
  std::ostringstream out;
  ConsoleReport report(out, false);
  report.start(3, 1, 1);
  for (const auto& r : sample_results()) {
    report.case_done(r);
  }
  report.finish(sample_results(), 1, std::chrono::duration<double>(0.25));
  EXPECT_EQ(out.str(),
            "collected 4 cases from 1 file (1 deselected)\n\n"
            "g.test.yaml::greet[visits=1] PASSED\n"
            "g.test.yaml::greet[visits=3] FAILED\n"
            "g.test.yaml::later SKIPPED (not ready)\n\n" +
                std::string(35, '=') + " FAILURES " + std::string(35, '=') + "\n" +
                std::string(25, '_') + " g.test.yaml::greet[visits=3] " + std::string(25, '_') +
                "\ng.test.yaml:4:5\nexpected <egress> & \"more\"\n  - a\n  + b\x01\n\n" +
                std::string(27, '=') + " short test summary info " + std::string(28, '=') +
                "\nFAILED g.test.yaml::greet[visits=3] - expected <egress> & \"more\"\n"
                "1 passed, 1 failed, 1 skipped, 1 deselected in 0.25s\n");
}

TEST(ConsoleReport, QuietPrintsACharacterPerCase) {
  std::ostringstream out;
  ConsoleReport report(out, true);
  report.start(3, 0, 2);
  for (const auto& r : sample_results()) {
    report.case_done(r);
  }
  report.finish({sample_results()[0]}, 0, std::chrono::duration<double>(0));
  EXPECT_EQ(out.str(), "collected 3 cases from 2 files\n.Fs\n1 passed, 0 failed in 0.00s\n");
}

TEST(Junit, WritesSuitesCasesFailuresAndSkipsEscaped) {
  std::ostringstream out;
  auto results = sample_results();
  results[2].file = "other.test.yaml";
  write_junit(out, results, std::chrono::duration<double>(0.5));
  EXPECT_EQ(
      out.str(),
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<testsuites name=\"sft test\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"1\" "
      "time=\"0.500\">\n"
      "  <testsuite name=\"g.test.yaml\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\" "
      "time=\"0.006\">\n"
      "    <testcase classname=\"g.test.yaml\" name=\"greet[visits=1]\" time=\"0.003\" "
      "file=\"g.test.yaml\" line=\"4\"/>\n"
      "    <testcase classname=\"g.test.yaml\" name=\"greet[visits=3]\" time=\"0.003\" "
      "file=\"g.test.yaml\" line=\"4\">\n"
      "      <failure message=\"expected &lt;egress&gt; &amp; &quot;more&quot;\" "
      "type=\"AssertionError\">expected &lt;egress&gt; &amp; &quot;more&quot;\n  - a\n  + "
      "b\xEF\xBF\xBD\n</failure>\n"
      "    </testcase>\n"
      "  </testsuite>\n"
      "  <testsuite name=\"other.test.yaml\" tests=\"1\" failures=\"0\" errors=\"0\" "
      "skipped=\"1\" time=\"0.003\">\n"
      "    <testcase classname=\"other.test.yaml\" name=\"later\" time=\"0.003\" "
      "file=\"other.test.yaml\" line=\"4\">\n"
      "      <skipped message=\"not ready\"/>\n"
      "    </testcase>\n"
      "  </testsuite>\n"
      "</testsuites>\n");
}

TEST(CaseFilter, WordsAndOrNotParentheses) {
  const std::string name = "g.test.yaml::Greet[visits=3]";
  EXPECT_TRUE(CaseFilter::parse("").matches(name));
  EXPECT_TRUE(CaseFilter::parse("greet").matches(name));
  EXPECT_TRUE(CaseFilter::parse("visits=3").matches(name));
  EXPECT_FALSE(CaseFilter::parse("visits=1").matches(name));
  EXPECT_TRUE(CaseFilter::parse("greet and not visits=1").matches(name));
  EXPECT_FALSE(CaseFilter::parse("not greet or person").matches(name));
  EXPECT_TRUE(CaseFilter::parse("person or (greet and visits=3)").matches(name));
  EXPECT_FALSE(CaseFilter::parse("not (greet or person)").matches(name));
  EXPECT_THROW(CaseFilter::parse("greet and"), std::invalid_argument);
  EXPECT_THROW(CaseFilter::parse("(greet"), std::invalid_argument);
  EXPECT_THROW(CaseFilter::parse("greet)"), std::invalid_argument);
}

TEST(TestCommand, BadFilesAndOptionsExitTwoWithTheirPlace) {
  std::ostringstream out;
  std::ostringstream err;
  TestCommandOptions options;
  options.paths = {"/nonexistent/a.test.yaml"};
  EXPECT_EQ(run_test_command(options, out, err), TestStatus::bad_input);
  EXPECT_EQ(err.str(),
            "sft test: error: /nonexistent/a.test.yaml: cannot read the file: No such file or "
            "directory\n");
  options.url = "ftp://nowhere";
  err.str("");
  EXPECT_EQ(run_test_command(options, out, err), TestStatus::bad_input);
  EXPECT_THAT(err.str(), HasSubstr("sft test: error: --url: "));
  EXPECT_EQ(out.str(), "");
}

}  // namespace
}  // namespace statefun::cases
