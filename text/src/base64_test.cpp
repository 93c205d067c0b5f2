
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include <statefun/text/base64.hpp>

namespace statefun::text {
namespace {

TEST(Base64, EncodesWithPadding) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode(std::string("\xFF\x00\x10", 3)), "/wAQ");
}

TEST(Base64, DecodesWhatItEncodes) {
  for (const std::string s :
       {"", "f", "fo", "foo", "foob", "fooba", "foobar", "\x01\xFE\xFF\x00"}) {
    EXPECT_EQ(base64_decode(base64_encode(s)), s);
  }
}

TEST(Base64, RejectsInvalidText) {
  EXPECT_EQ(base64_decode("Zg="), std::nullopt);
  EXPECT_EQ(base64_decode("Z==="), std::nullopt);
  EXPECT_EQ(base64_decode("Zg==Zg=="), std::nullopt);
  EXPECT_EQ(base64_decode("Z!=="), std::nullopt);
}

}  // namespace
}  // namespace statefun::text
