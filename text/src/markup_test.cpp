
#include <string>

#include <gtest/gtest.h>

#include <statefun/text/markup.hpp>

namespace statefun::text {
namespace {

TEST(EscapeMarkup, WritesTheFiveSpecialCharactersAsEntities) {
  EXPECT_EQ(escape_markup(R"(<a href="x">Tom & 'Jerry'</a>)"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;");
}

TEST(EscapeMarkup, ReplacesControlCharactersXmlCannotCarry) {
  EXPECT_EQ(escape_markup(std::string("a\0b\x1b"
                                      "c",
                                      5)),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD"
            "c");
  EXPECT_EQ(escape_markup("tab\tnewline\ncr\r"), "tab\tnewline\ncr\r");
  EXPECT_EQ(escape_markup("Zoë ✓"), "Zoë ✓");
}

}  // namespace
}  // namespace statefun::text
