#include <string>

#include <gtest/gtest.h>

#include <statefun/text/printable.hpp>

namespace statefun::text {
namespace {

TEST(Printable, ControlCharactersBecomeEscapes) {
  EXPECT_EQ(printable("a\nstatefun: listening on http://x/"),
            "a\\nstatefun: listening on http://x/");
  EXPECT_EQ(printable("\r\t\x1b[2J"), "\\r\\t\\x1b[2J");
  EXPECT_EQ(printable(std::string("\0\x7f\x1f", 3)), "\\x00\\x7f\\x1f");
}

TEST(Printable, OtherBytesAreKept) {
  EXPECT_EQ(printable("Zoë ✓ \\ \"q\" ~"), "Zoë ✓ \\ \"q\" ~");
  EXPECT_EQ(printable("\xff\x80"), "\xff\x80");  // not UTF-8, yet not a control character
  EXPECT_EQ(printable(""), "");
}

}  // namespace
}  // namespace statefun::text
