// Sizes on the command line: units, and what is not a usable size refused in one line.

#include "byte_size.hpp"

#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "exit_codes.hpp"

namespace statefun::cli {
namespace {

using testing::HasSubstr;

std::string refusal(const std::string& text) {
  try {
    parse_byte_size(text, "--max-answer-size");
  } catch (const UsageError& e) {
    return e.what();
  }
  return "accepted";
}

TEST(ByteSize, UnitsAndBareBytes) {
  EXPECT_EQ(parse_byte_size("512", "--x"), 512U);
  EXPECT_EQ(parse_byte_size("64KiB", "--x"), 64U * 1024);
  EXPECT_EQ(parse_byte_size("64MiB", "--x"), 64U << 20);
  EXPECT_EQ(parse_byte_size("2MB", "--x"), 2'000'000U);
  EXPECT_EQ(parse_byte_size("4GiB", "--x"), kMaxByteSize);
}

TEST(ByteSize, WhatIsNotASizeIsRefusedNamingTheFlag) {
  for (const char* text : {"", "0", "-1", "1.5MiB", "10 MiB", "10mb", "MiB", "nan", "1e6"}) {
    EXPECT_THAT(refusal(text),
                HasSubstr("--max-answer-size: '" + std::string(text) + "' is not a size"))
        << text;
  }
  for (const char* text : {"5GiB", "4294967297", "18446744073709551615KiB"}) {
    EXPECT_THAT(refusal(text), HasSubstr("larger than the largest size, 4GiB")) << text;
  }
  EXPECT_THAT(refusal("99999999999999999999999"), HasSubstr("is not a size"));  // over uint64
}

}  // namespace
}  // namespace statefun::cli
