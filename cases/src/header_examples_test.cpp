// The examples of the case runner's public headers, compiled and run
// (scripts/check-header-examples checks that every header example appears here, line for line).
#undef NDEBUG  // the examples assert
#include <cassert>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <statefun/cases/case_filter.hpp>
#include <statefun/cases/case_runner.hpp>
#include <statefun/cases/junit.hpp>
#include <statefun/cases/test_command.hpp>
#include <statefun/cases/test_file.hpp>
#include <statefun/cases/test_report.hpp>
#include <statefun/testkit/client.hpp>

#include "test_functions.hpp"

namespace statefun::cases {
namespace {

const std::string kYaml = R"(cases:
  - name: counts
    target: example/counter/a
    send: {type: string, value: hi}
    expect: {state: {n: {type: int, value: 1}}}
)";

/// The test kit's example functions, called in this process instead of over HTTP.
ClientFactory in_process() {
  return [](const std::string&, std::chrono::milliseconds) -> std::unique_ptr<testkit::Client> {
    return std::make_unique<testkit::InProcessClient>(statefun::test::make_test_handler());
  };
}

TEST(HeaderExamples, CaseFilter) {
  CaseFilter f = CaseFilter::parse("greet and not edge");
  assert(f.matches("greeter.test.yaml::greet[visits=3]"));
}

TEST(HeaderExamples, RunningACase) {
  const std::string yaml_text = kYaml;
  TestFile file = parse_test_file(yaml_text, "greeter.test.yaml");
  const ClientFactory factory = in_process();
  // As the header shows it, within the width of its comment:
  // clang-format off
  CaseResult r = run_case(file.cases[0], "http://127.0.0.1:8000/statefun",
                          std::chrono::seconds(10), factory);
  // clang-format on
  EXPECT_EQ(r.outcome, CaseResult::Outcome::passed) << r.message;
}

TEST(HeaderExamples, ReportsAndJUnit) {
  const TestFile parsed = parse_test_file(kYaml, "t.yaml");
  const std::vector<CaseJob> jobs = {
      {(parsed.cases).data(), "t.yaml", "http://unused/", std::chrono::seconds(10)}};
  const std::size_t cases = jobs.size();
  const ClientFactory factory = in_process();
  const std::chrono::duration<double> elapsed(0.01);
  std::ostringstream out;
  ConsoleReport report(out, false);
  report.start(cases, 0, 1);
  auto results = run_cases(jobs, 4, factory, [&](const auto& r) { report.case_done(r); });
  report.finish(results, 0, elapsed);
  EXPECT_NE(out.str().find("1 passed"), std::string::npos) << out.str();
  const std::string junit_path =
      (std::filesystem::temp_directory_path() / "statefun_header_example_junit.xml").string();
  {
    std::ofstream xml(junit_path);
    write_junit(xml, results, elapsed);
  }
  std::ifstream written(junit_path);
  std::string first_line;
  std::getline(written, first_line);
  EXPECT_NE(first_line.find("<?xml"), std::string::npos);
  std::filesystem::remove(junit_path);
}

/// Compiled, not run: it needs the greeter on port 8000.
[[maybe_unused]] TestStatus run_the_greeter_tests() {
  TestCommandOptions options;
  options.paths = {"examples/greeter/greeter.test.yaml"};
  options.url = "http://127.0.0.1:8000/statefun";
  TestStatus status = run_test_command(options, std::cout, std::cerr);
  return status;
}

/// Compiled, not run: it needs module.yaml and the functions it names.
[[maybe_unused]] CaseResult run_a_pipeline_case(const TestFile& file) {
  // clang-format off
  CaseResult r = run_pipeline_case(file.pipeline_cases[0], runtime::read_module("module.yaml"),
                                   std::chrono::seconds(10), PipelineClock{});
  // clang-format on
  return r;
}

}  // namespace
}  // namespace statefun::cases
