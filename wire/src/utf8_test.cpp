#include <gtest/gtest.h>

#include <statefun/wire/utf8.hpp>

namespace statefun::wire {
namespace {

TEST(Utf8, FollowsTheStandard) {
  EXPECT_TRUE(is_valid_utf8("Zoë ✓ 😀"));
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_FALSE(is_valid_utf8("\xC3"));              // cut short
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // a surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\x80"));              // a lone continuation byte
}

}  // namespace
}  // namespace statefun::wire
