// Pipelines across SDKs: `sft test` pipeline files run by the local runtime over the JavaScript
// SDK greeter alone, and over a mix (the C++ person with the JS greeter, the JS person with the
// C++ greeter) behind two endpoints of one module.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "peers.hpp"

#include <unistd.h>

namespace statefun::interop {
namespace {

namespace fs = std::filesystem;
using testing::HasSubstr;

class InteropPipelines : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    js_ = std::make_unique<test::ServerProcess>(js_greeter_command());
    cpp_ = std::make_unique<test::ServerProcess>(cpp_greeter_command());
  }

  static void TearDownTestSuite() {
    js_.reset();
    cpp_.reset();
  }

  static test::RunResult sft_test(std::vector<std::string> args) {
    args.insert(args.begin(), {STATEFUN_SFT, "test"});
    return test::run(args, {}, std::chrono::seconds(60));
  }

  /// A copy of `pipeline_file` in a fresh folder, next to a module named `module_name` whose
  /// example/person and example/greeter are served at two different URLs.
  static std::string mixed(const std::string& pipeline_file,
                           const std::string& module_name,
                           const std::string& person_url,
                           const std::string& greeter_url) {
    const fs::path dir = fs::path(testing::TempDir()) /
                         ("interop_pipeline_" + std::to_string(::getpid()) + "_" +
                          testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir);
    const fs::path copy = dir / fs::path(pipeline_file).filename();
    fs::copy_file(pipeline_file, copy, fs::copy_options::overwrite_existing);
    std::ofstream(dir / module_name) << "kind: io.statefun.endpoints.v2/http\n"
                                        "spec:\n"
                                        "  functions: example/person\n"
                                        "  urlPathTemplate: "
                                     << person_url
                                     << "\n---\n"
                                        "kind: io.statefun.endpoints.v2/http\n"
                                        "spec:\n"
                                        "  functions: example/greeter\n"
                                        "  urlPathTemplate: "
                                     << greeter_url
                                     << "\n---\n"
                                        "kind: io.statefun.playground.v1/egress\n"
                                        "spec:\n"
                                        "  topics: [greetings]\n";
    return copy.string();
  }

  static inline std::unique_ptr<test::ServerProcess> js_;
  static inline std::unique_ptr<test::ServerProcess> cpp_;
};

const std::string kJsPipeline = std::string(STATEFUN_INTEROP_DIR) + "/js_pipeline.test.yaml";
const std::string kCppPipeline = std::string(STATEFUN_EXAMPLES_DIR) + "/greeter/pipeline.test.yaml";

TEST_F(InteropPipelines, TheJavaScriptGreeterPassesItsPipelineFile) {
  const auto r = sft_test({kJsPipeline, "--url", js_->url()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("2 passed, 0 failed")) << r.out;
}

TEST_F(InteropPipelines, TheCppPersonAndTheJavaScriptGreeterGreetWithTheJavaScriptTexts) {
  const auto r = sft_test({mixed(kJsPipeline, "js_pipeline.module.yaml", cpp_->url(), js_->url())});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("2 passed, 0 failed")) << r.out;
}

TEST_F(InteropPipelines, TheJavaScriptPersonAndTheCppGreeterPassTheCppPipelineFile) {
  const auto r = sft_test({mixed(kCppPipeline, "module.yaml", js_->url(), cpp_->url())});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("4 passed, 0 failed")) << r.out;
}

TEST_F(InteropPipelines, TheCppGreeterFailsTheJavaScriptTexts) {
  const auto r = sft_test({kJsPipeline, "--url", cpp_->url(), "-k", "three"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("-   \"text\": \"Third time is a charm Bob\""));
  EXPECT_THAT(r.out, HasSubstr("+   \"text\": \"Third time is the charm Bob\""));
}

}  // namespace
}  // namespace statefun::interop
