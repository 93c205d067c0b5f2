// Durations on the command line, and the numeric flags of sft load: what is not a usable value
// is refused in one line (exit 2), never wrapped, truncated or left undefined.

#include "duration.hpp"

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "commands/load.hpp"
#include "exit_codes.hpp"

namespace statefun::cli {
namespace {

using std::chrono::microseconds;
using testing::HasSubstr;

std::string refusal(const std::string& text) {
  try {
    parse_duration(text, "--timeout");
  } catch (const UsageError& e) {
    return e.what();
  }
  return "accepted";
}

TEST(Duration, UnitsAndBareSeconds) {
  EXPECT_EQ(parse_duration("250ms", "--x"), microseconds(250'000));
  EXPECT_EQ(parse_duration("1.5", "--x"), microseconds(1'500'000));
  EXPECT_EQ(parse_duration("2m", "--x"), microseconds(120'000'000));
  EXPECT_EQ(parse_duration("1h", "--x"), microseconds(3'600'000'000));
  EXPECT_EQ(parse_duration("0s", "--x"), microseconds(0));
}

TEST(Duration, WhatIsNotADurationIsRefusedNamingTheFlag) {
  for (const std::string text : {"nan", "nans", "inf", "-inf", "-1s", "soon", "10 s", "", "5d"}) {
    EXPECT_EQ(refusal(text),
              "--timeout: '" + text + "' is not a duration (examples: 250ms, 10s, 2m)");
  }
  EXPECT_THAT(refusal("1e300s"), HasSubstr("longer than the longest duration, 1000 days"));
  EXPECT_EQ(refusal("1001h"), "accepted");
  EXPECT_THAT(refusal("24001h"), HasSubstr("longer than the longest duration"));
}

/// What CLI11 says of `sft load` with `flags`, or "accepted".
std::string load_refusal(std::vector<std::string> flags) {
  CLI::App app;
  int exit_code = 0;
  setup_load(app, exit_code);
  flags.insert(flags.begin(), {"load", "http://127.0.0.1:1/statefun", "example/f/a"});
  std::reverse(flags.begin(), flags.end());
  try {
    app.parse(flags);
  } catch (const CLI::CallForHelp&) {
    return "help";
  } catch (const CLI::ParseError& e) {
    return e.what();
  }
  return "accepted";
}

TEST(LoadFlags, NumbersThatMeanNothingAreRefused) {
  for (const std::string flag : {"--rate", "--spawn-rate"}) {
    for (const std::string value : {"-5", "nan", "0", "inf"}) {
      EXPECT_THAT(load_refusal({flag, value}), HasSubstr(flag)) << flag << " " << value;
    }
  }
  for (const std::string flag : {"--requests", "--users", "--connections", "--threads"}) {
    EXPECT_THAT(load_refusal({flag, "-1"}), HasSubstr(flag)) << flag;
    EXPECT_THAT(load_refusal({flag, "0"}), HasSubstr(flag)) << flag;
  }
}

}  // namespace
}  // namespace statefun::cli
