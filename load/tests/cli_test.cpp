// sft load as a user runs it: the built binary against the real greeter binary.
#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <regex>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "greeter_suite.hpp"

namespace statefun::load {
namespace {

using testing::HasSubstr;

const std::vector<std::string> kGreet = {"example/greeter/George",
                                         "--type",
                                         "example/GreetRequest",
                                         "--json",
                                         R"({"name":"George","visits":{{randint 1 3}}})"};

std::string temp_prefix(const std::string& name) {
  return ::testing::TempDir() + "sft_load_" + name + "_" + std::to_string(getpid());
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

/// Standard output and standard error together, as a terminal shows them.
std::string shown(const test::RunResult& r) {
  return r.out + r.err;
}

class SftLoad : public test::GreeterSuite {
 protected:
  /// `sft load URL example/greeter/George --type ... --json ... FLAGS...` against `url`.
  static test::RunResult load(const std::string& target, std::vector<std::string> flags) {
    std::vector<std::string> args{target};
    args.insert(args.end(), kGreet.begin(), kGreet.end());
    args.insert(args.end(), flags.begin(), flags.end());
    return sft("load", args);
  }

  static test::RunResult load(std::vector<std::string> flags) {
    return load(url(), std::move(flags));
  }
};

TEST_F(SftLoad, TheReferenceCommandPrintsALocustStyleSummary) {
  const auto r = load({"--users", "20", "--wait", "10ms..100ms", "--duration", "2s"});
  ASSERT_EQ(r.exit_code, 0) << shown(r);
  EXPECT_NE(r.out.find("Type     Name"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("POST     example/greeter/George"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("0(0.00%)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Response time percentiles (approximated)"), std::string::npos);
  EXPECT_EQ(shown(r).find('\r'),
            std::string::npos);  // no progress line when stderr is not a terminal
}

TEST_F(SftLoad, AnOpenModelRunNeverExceedsItsRate) {
  // The engine's simulated-time tests assert the exact count; in real time the rate is an upper
  // bound whatever the machine's speed (requests are due at fixed times).
  const auto r = load({"--rate",
                       "2000",
                       "--duration",
                       "2s",
                       "--check",
                       "rps<=2000",
                       "--check",
                       "error_rate==0",
                       "--csv",
                       temp_prefix("rate")});
  EXPECT_EQ(r.exit_code, 0) << shown(r);
  EXPECT_NE(r.out.find("check rps<=2000: "), std::string::npos) << r.out;
}

TEST_F(SftLoad, CsvFilesHaveLocustsExactHeaders) {
  const std::string prefix = temp_prefix("csv");
  const auto r = load({"--users", "2", "--duration", "1s", "--csv", prefix});
  ASSERT_EQ(r.exit_code, 0) << shown(r);
  const auto first = [](const std::string& text) { return text.substr(0, text.find('\n')); };
  EXPECT_EQ(
      first(read(prefix + "_stats.csv")),
      "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min "
      "Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,"
      "80%,90%,95%,98%,99%,99.9%,99.99%,100%");
  EXPECT_EQ(first(read(prefix + "_stats_history.csv")),
            "Timestamp,User Count,Type,Name,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,"
            "99.9%,99.99%,100%,Total Request Count,Total Failure Count,Total Median Response Time,"
            "Total Average Response Time,Total Min Response Time,Total Max Response Time,Total "
            "Average Content Size");
  EXPECT_EQ(read(prefix + "_failures.csv"), "Method,Name,Error,Occurrences\n");
  EXPECT_EQ(read(prefix + "_exceptions.csv"), "Count,Message,Traceback,Nodes\n");
  EXPECT_NE(read(prefix + "_stats.csv").find("\n,Aggregated,"), std::string::npos);
}

TEST_F(SftLoad, AFailingCheckExitsOne) {
  const auto r = load({"--requests", "50", "--check", "p99<1us"});
  EXPECT_EQ(r.exit_code, 1) << shown(r);
  EXPECT_NE(r.out.find("check p99<1us: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("FAILED"), std::string::npos) << r.out;
}

TEST_F(SftLoad, JsonOutputIsTheWholeResultWithTheChecks) {
  const auto r = load({"--requests", "40", "--output", "json", "--check", "error_rate==0"});
  ASSERT_EQ(r.exit_code, 0) << shown(r);
  const auto document = nlohmann::json::parse(r.out);  // nothing but the document
  EXPECT_EQ(document["checks"].size(), 1U);
  EXPECT_EQ(document["checks"][0]["passed"], true);
  std::uint64_t requests = 0;
  for (const auto& kind : document["kinds"]) {
    requests += kind["requests"].get<std::uint64_t>();
  }
  EXPECT_EQ(requests, 40U);
}

TEST_F(SftLoad, JsonResultsMergeIntoOneReport) {
  const std::string a = temp_prefix("a") + ".json";
  const std::string b = temp_prefix("b") + ".json";
  ASSERT_EQ(load({"--requests", "100", "--json-report", a}).exit_code, 0);
  ASSERT_EQ(load({"--requests", "50", "--json-report", b}).exit_code, 0);
  const auto merged = sft("report", {"merge", a, b});
  ASSERT_EQ(merged.exit_code, 0) << shown(merged);
  EXPECT_TRUE(
      std::regex_search(merged.out, std::regex("POST +example/greeter/George +150 +0\\(0.00%\\)")))
      << merged.out;
}

TEST_F(SftLoad, RefusesANonLoopbackTargetWithoutAllowRemote) {
  const auto r = load("http://10.255.255.1:8000/statefun", {"--duration", "1s"});
  EXPECT_EQ(r.exit_code, 2) << shown(r);
  EXPECT_NE(r.err.find("not a loopback address (give --allow-remote)"), std::string::npos) << r.err;
}

TEST_F(SftLoad, RefusesToRunUnbounded) {
  const auto r = load("http://127.0.0.1:1/statefun", {"--users", "2"});
  EXPECT_EQ(r.exit_code, 2) << shown(r);
  EXPECT_EQ(shown(r),
            "sft load: refusing to run unbounded: give --duration, --requests or a scenario with "
            "stages\n");
}

TEST_F(SftLoad, BadFlagsExitTwoWithOneLine) {
  for (const std::vector<std::string>& flags : std::vector<std::vector<std::string>>{
           {"--duration", "soon"},
           {"--check", "p99<fast"},
           {"--wait", "100ms..10ms", "--duration", "1s"},
           {"--duration", "1s", "--rate", "10", "--users", "3"}}) {
    const auto r = load("http://127.0.0.1:1/statefun", flags);
    EXPECT_EQ(r.exit_code, 2) << flags[0] << ": " << shown(r);
    const std::string text = shown(r);
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1) << flags[0] << ": " << text;
  }
  const auto bad_template = sft("load",
                                {"http://127.0.0.1:1/statefun",
                                 "example/greeter/x",
                                 "--type",
                                 "a/b",
                                 "--json",
                                 "{{randint 3}}",
                                 "--duration",
                                 "1s"});
  EXPECT_EQ(bad_template.exit_code, 2) << shown(bad_template);
}

TEST_F(SftLoad, AnyFailedRequestExitsOneUnlessAChecksDecides) {
  // The greeter refuses visits that are not integers: every answer is a 422.
  const std::vector<std::string> args = {url(),
                                         "example/greeter/George",
                                         "--type",
                                         "example/GreetRequest",
                                         "--json",
                                         R"({"name":"G","visits":"x"})",
                                         "--requests",
                                         "5",
                                         "--users",
                                         "1",
                                         "--no-progress"};
  const auto failing = sft("load", args);
  EXPECT_EQ(failing.exit_code, 1) << shown(failing);
  EXPECT_THAT(failing.err, HasSubstr("sft load: 5 of 5 requests failed"));

  std::vector<std::string> checked = args;
  checked.insert(checked.end(), {"--check", "error_rate<=100%"});
  EXPECT_EQ(sft("load", checked).exit_code, 0);
}

TEST_F(SftLoad, RefusesMoreConnectionsThanItMayOpenFiles) {
  const auto r = load({"--users", "2000000000", "--duration", "1s"});
  EXPECT_EQ(r.exit_code, 2) << shown(r);
  EXPECT_THAT(shown(r), HasSubstr("2000000000 connections do not fit this process's limit of"));
}

TEST_F(SftLoad, AnUnreachableTargetExitsThree) {
  const auto r = load("http://127.0.0.1:1/statefun", {"--requests", "3", "--users", "1"});
  EXPECT_EQ(r.exit_code, 3) << shown(r);
  EXPECT_NE(shown(r).find("connect: cannot connect"), std::string::npos) << shown(r);
}

}  // namespace
}  // namespace statefun::load
