// Check 5 of issue 6: the sft tools against the JS SDK greeter. `sft test` passes the
// JavaScript texts' table (js_greeter.test.yaml) and fails the Go texts' one; `sft load` runs
// 10 s against it without a failure.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "peers.hpp"

namespace statefun::interop {
namespace {

using nlohmann::json;
using testing::HasSubstr;

class InteropSftVsJsGreeter : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    js_ = std::make_unique<test::ServerProcess>(js_greeter_command());
  }

  static void TearDownTestSuite() { js_.reset(); }

  static test::RunResult sft(std::vector<std::string> args,
                             std::chrono::seconds timeout = std::chrono::seconds(60)) {
    args.insert(args.begin(), STATEFUN_SFT);
    return test::run(args, {}, timeout);
  }

  static const std::string& url() { return js_->url(); }

 private:
  static inline std::unique_ptr<test::ServerProcess> js_;
};

TEST_F(InteropSftVsJsGreeter, SftTestPassesTheJavaScriptTextsTable) {
  const auto result =
      sft({"test", std::string(STATEFUN_INTEROP_DIR) + "/js_greeter.test.yaml", "--url", url()});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_THAT(result.out, HasSubstr("24 passed, 0 failed")) << result.out;
}

TEST_F(InteropSftVsJsGreeter, SftTestFailsTheGoTextsTable) {
  const auto result = sft({"test",
                           std::string(STATEFUN_EXAMPLES_DIR) + "/greeter/greeter.test.yaml",
                           "--url",
                           url(),
                           "-q",
                           "-k",
                           "reference"});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_THAT(result.out, HasSubstr("1 passed, 1 failed")) << result.out;
  EXPECT_THAT(result.out, HasSubstr("+     \"payload\": \"Third time is a charm George\""))
      << result.out;
}

TEST_F(InteropSftVsJsGreeter, SftLoadRunsTenSecondsWithoutFailures) {
  const std::filesystem::path report =
      std::filesystem::path(testing::TempDir()) / "sft_load_vs_js_greeter.json";
  std::filesystem::remove(report);
  // The blog post's Locust test: 20 users waiting 10 to 100 ms, visits random in 1..3.
  const auto result = sft({"load",
                           url(),
                           "example/greeter/George",
                           "--type",
                           "example/GreetRequest",
                           "--json",
                           R"({"name":"George","visits":{{randint 1 3}}})",
                           "--users",
                           "20",
                           "--wait",
                           "10ms..100ms",
                           "--threads",
                           "1",
                           "--duration",
                           "10s",
                           "--no-progress",
                           "--check",
                           "error_rate==0",
                           "--json-report",
                           report.string()});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  std::ifstream in(report);
  const json summary = json::parse(in);
  EXPECT_EQ(summary["failures"], json::array()) << summary["failures"].dump(2);
  ASSERT_EQ(summary["kinds"].size(), 1U);
  EXPECT_EQ(summary["kinds"][0]["failures"], 0);
  EXPECT_GT(summary["kinds"][0]["requests"].get<int>(), 500) << result.out;
  EXPECT_DOUBLE_EQ(summary["duration_s"].get<double>(), 10.0);
}

}  // namespace
}  // namespace statefun::interop
