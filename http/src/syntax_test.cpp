#include <optional>
#include <string>

#include <gtest/gtest.h>

#include <statefun/http/syntax.hpp>

namespace statefun::http {
namespace {

TEST(PercentDecode, ReplacesEveryEscapeByItsByte) {
  EXPECT_EQ(percent_decode("Bob"), "Bob");
  EXPECT_EQ(percent_decode("J%C3%BCrgen%20M"), "J\xC3\xBCrgen M");
  EXPECT_EQ(percent_decode("a%2Fb%2f"), "a/b/");
  EXPECT_EQ(percent_decode("%00"), std::string(1, '\0'));
  EXPECT_EQ(percent_decode("1+1"), "1+1");
  EXPECT_EQ(percent_decode(""), "");
}

TEST(PercentDecode, RefusesATruncatedOrNonHexEscape) {
  EXPECT_EQ(percent_decode("%"), std::nullopt);
  EXPECT_EQ(percent_decode("a%4"), std::nullopt);
  EXPECT_EQ(percent_decode("%zz"), std::nullopt);
  EXPECT_EQ(percent_decode("%4g"), std::nullopt);
}

}  // namespace
}  // namespace statefun::http
