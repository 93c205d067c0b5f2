// A GoogleTest suite that starts the greeter binary once for all its tests (127.0.0.1, port 0,
// one thread) and runs the built sft against it. The including target defines SFT_BINARY and
// GREETER_BINARY (their paths, from CMake).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "process.hpp"

#if !defined(SFT_BINARY) || !defined(GREETER_BINARY)
#error "define SFT_BINARY and GREETER_BINARY to the built binaries"
#endif

namespace statefun::test {

class GreeterSuite : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    greeter_ = std::make_unique<ServerProcess>(std::vector<std::string>{
        GREETER_BINARY, "--address", "127.0.0.1", "--port", "0", "--threads", "1"});
  }

  static void TearDownTestSuite() { greeter_.reset(); }

  /// The greeter's URL, e.g. http://127.0.0.1:40123/statefun.
  static const std::string& url() { return greeter_->url(); }

  /// Runs `sft SUBCOMMAND ARGS...`.
  static RunResult sft(const std::string& subcommand, std::vector<std::string> args) {
    args.insert(args.begin(), {SFT_BINARY, subcommand});
    return run(args);
  }

 private:
  static inline std::unique_ptr<ServerProcess> greeter_;
};

}  // namespace statefun::test
