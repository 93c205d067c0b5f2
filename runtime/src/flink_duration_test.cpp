#include "flink_duration.hpp"

#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace statefun::runtime::detail {
namespace {

using std::chrono::nanoseconds;

std::string refusal(std::string_view text) {
  try {
    (void)parse_flink_duration(text);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "accepted";
}

TEST(FlinkDuration, ABareNumberIsMilliseconds) {
  EXPECT_EQ(parse_flink_duration("1500"), std::chrono::milliseconds(1500));
  EXPECT_EQ(parse_flink_duration("0"), nanoseconds(0));
  EXPECT_EQ(parse_flink_duration("  42 \n"), std::chrono::milliseconds(42));
}

TEST(FlinkDuration, EveryUnitLabelOfFlinkIsUnderstood) {
  const std::chrono::seconds second(1);
  for (const char* label : {"s", "sec", "secs", "second", "seconds"}) {
    EXPECT_EQ(parse_flink_duration(std::string("3") + label), 3 * second) << label;
  }
  for (const char* label : {"min", "m", "minute", "minutes"}) {
    EXPECT_EQ(parse_flink_duration(std::string("2 ") + label), std::chrono::minutes(2)) << label;
  }
  for (const char* label : {"h", "hour", "hours"}) {
    EXPECT_EQ(parse_flink_duration(std::string("1") + label), std::chrono::hours(1)) << label;
  }
  for (const char* label : {"d", "day", "days"}) {
    EXPECT_EQ(parse_flink_duration(std::string("1") + label), std::chrono::hours(24)) << label;
  }
  for (const char* label : {"ms", "milli", "millis", "millisecond", "milliseconds"}) {
    EXPECT_EQ(parse_flink_duration(std::string("7") + label), std::chrono::milliseconds(7))
        << label;
  }
  for (const char* label : {"\xC2\xB5s", "micro", "micros", "microsecond", "microseconds"}) {
    EXPECT_EQ(parse_flink_duration(std::string("7") + label), std::chrono::microseconds(7))
        << label;
  }
  for (const char* label : {"ns", "nano", "nanos", "nanosecond", "nanoseconds"}) {
    EXPECT_EQ(parse_flink_duration(std::string("7") + label), nanoseconds(7)) << label;
  }
}

TEST(FlinkDuration, UnitsIgnoreCase) {
  EXPECT_EQ(parse_flink_duration("10S"), std::chrono::seconds(10));
  EXPECT_EQ(parse_flink_duration("1 MIN"), std::chrono::minutes(1));
}

TEST(FlinkDuration, WhatIsNotADurationIsExplained) {
  EXPECT_EQ(refusal(""), "a duration cannot be empty");
  EXPECT_EQ(refusal("   "), "a duration cannot be empty");
  EXPECT_EQ(refusal("fast"),
            "'fast' is not a duration: it must start with a whole number (e.g. 500ms, 10s, 2min)");
  EXPECT_EQ(refusal("-5s").substr(0, 23), "'-5s' is not a duration");
  EXPECT_EQ(refusal("1.5s"),
            "'.5s' in '1.5s' is not a unit of time (ns, \xC2\xB5s, ms, s, min, h, "
            "d, or their long forms)");
  EXPECT_EQ(refusal("10 fortnights").substr(0, 33), "'fortnights' in '10 fortnights' i");
  EXPECT_EQ(refusal("99999999999999999999"),
            "the duration '99999999999999999999' does not fit in 64 bits");
  EXPECT_EQ(refusal("9999999999999d"), "the duration '9999999999999d' is too long");
}

}  // namespace
}  // namespace statefun::runtime::detail
