// sft load as a user runs it: the built binary against the real greeter binary.
#include <algorithm>
#include <regex>
#include <sstream>

#include <gtest/gtest.h>

#include "process.hpp"

namespace statefun::load {
namespace {

using testing::Greeter;
using testing::Ran;
using testing::run;

const std::string kSft = SFT_BINARY;
const std::string kGreet =
    " example/greeter/George --type example/GreetRequest --json "
    "'{\"name\":\"George\",\"visits\":{{randint 1 3}}}'";

std::string temp_prefix(const std::string& name) {
  return ::testing::TempDir() + "sft_load_" + name + "_" + std::to_string(getpid());
}

std::string read(const std::string& path) {
  const Ran r = run("cat '" + path + "'");
  return r.output;
}

TEST(SftLoad, TheReferenceCommandPrintsALocustStyleSummary) {
  Greeter greeter(GREETER_BINARY);
  const Ran r = run(kSft + " load " + greeter.url() + kGreet +
                    " --users 20 --wait 10ms..100ms --duration 2s");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("Type     Name"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("POST     example/greeter/George"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("0(0.00%)"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("Response time percentiles (approximated)"), std::string::npos);
  EXPECT_EQ(r.output.find("\r"),
            std::string::npos);  // no progress line when stderr is not a terminal
}

TEST(SftLoad, RateIsHeldWithinOnePercent) {
  Greeter greeter(GREETER_BINARY);
  const std::string prefix = temp_prefix("rate");
  const Ran r = run(kSft + " load " + greeter.url() + kGreet +
                    " --rate 2000 --duration 2s --check 'rps>=1980' " +
                    "--check 'rps<=2020' --check 'error_rate==0' --csv " + prefix);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("check rps>=1980: "), std::string::npos) << r.output;
}

TEST(SftLoad, CsvFilesHaveLocustsExactHeaders) {
  Greeter greeter(GREETER_BINARY);
  const std::string prefix = temp_prefix("csv");
  const Ran r =
      run(kSft + " load " + greeter.url() + kGreet + " --users 2 --duration 1s --csv " + prefix);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto first = [](const std::string& text) { return text.substr(0, text.find('\n')); };
  EXPECT_EQ(first(read(prefix + "_stats.csv")),
            "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min "
            "Response Time,"
            "Max Response Time,Average Content "
            "Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,"
            "99.99%,100%");
  EXPECT_EQ(first(read(prefix + "_stats_history.csv")),
            "Timestamp,User "
            "Count,Type,Name,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,"
            "100%,Total Request Count,Total Failure Count,Total Median Response Time,Total Average "
            "Response Time,"
            "Total Min Response Time,Total Max Response Time,Total Average Content Size");
  EXPECT_EQ(read(prefix + "_failures.csv"), "Method,Name,Error,Occurrences\n");
  EXPECT_EQ(read(prefix + "_exceptions.csv"), "Count,Message,Traceback,Nodes\n");
  EXPECT_NE(read(prefix + "_stats.csv").find("\n,Aggregated,"), std::string::npos);
}

TEST(SftLoad, AFailingCheckExitsOne) {
  Greeter greeter(GREETER_BINARY);
  const Ran r = run(kSft + " load " + greeter.url() + kGreet + " --requests 50 --check 'p99<1us'");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("check p99<1us: "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("FAILED"), std::string::npos) << r.output;
}

TEST(SftLoad, JsonResultsMergeIntoOneReport) {
  Greeter greeter(GREETER_BINARY);
  const std::string a = temp_prefix("a") + ".json", b = temp_prefix("b") + ".json";
  ASSERT_EQ(run(kSft + " load " + greeter.url() + kGreet + " --requests 100 --json-report " + a)
                .exit_code,
            0);
  ASSERT_EQ(
      run(kSft + " load " + greeter.url() + kGreet + " --requests 50 --json-report " + b).exit_code,
      0);
  const Ran merged = run(kSft + " report merge " + a + " " + b);
  ASSERT_EQ(merged.exit_code, 0) << merged.output;
  EXPECT_TRUE(std::regex_search(merged.output,
                                std::regex("POST +example/greeter/George +150 +0\\(0.00%\\)")))
      << merged.output;
}

TEST(SftLoad, RefusesANonLoopbackTargetWithoutAllowRemote) {
  const Ran r = run(kSft + " load http://10.255.255.1:8000/statefun" + kGreet + " --duration 1s");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("not a loopback address (give --allow-remote)"), std::string::npos)
      << r.output;
}

TEST(SftLoad, RefusesToRunUnbounded) {
  const Ran r = run(kSft + " load http://127.0.0.1:1/statefun" + kGreet + " --users 2");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_EQ(r.output,
            "sft load: refusing to run unbounded: give --duration, --requests or a scenario with "
            "stages\n");
}

TEST(SftLoad, BadFlagsExitTwoWithOneLine) {
  for (const std::string flags : {" --duration soon",
                                  " --check 'p99<fast'",
                                  " --wait 100ms..10ms --duration 1s",
                                  " --duration 1s --rate 10 --users 3"}) {
    const Ran r = run(kSft + " load http://127.0.0.1:1/statefun" + kGreet + flags);
    EXPECT_EQ(r.exit_code, 2) << flags << ": " << r.output;
    EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << flags << ": " << r.output;
  }
  const Ran bad_template =
      run(kSft +
          " load http://127.0.0.1:1/statefun example/greeter/x --type a/b --json "
          "'{{randint 3}}' --duration 1s");
  EXPECT_EQ(bad_template.exit_code, 2) << bad_template.output;
}

TEST(SftLoad, AnUnreachableTargetExitsThree) {
  const Ran r =
      run(kSft + " load http://127.0.0.1:1/statefun" + kGreet + " --requests 3 --users 1");
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("connect: cannot connect"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace statefun::load
