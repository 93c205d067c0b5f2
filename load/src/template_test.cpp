#include <cstddef>
#include <cstdint>
#include <limits>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include <statefun/load/template.hpp>

namespace statefun::load {
namespace {

TEST(Template, RendersRandomIntegersWithinTheirRange) {
  const Template t(R"({"visits":{{randint 1 3}}})");
  Random random(7);
  std::set<std::string> seen;
  for (int i = 0; i < 300; ++i) {
    seen.insert(t.render({random, 0}));
  }
  EXPECT_EQ(seen, (std::set<std::string>{R"({"visits":1})", R"({"visits":2})", R"({"visits":3})"}));
}

TEST(Template, PicksChoicesIncludingQuotedOnes) {
  const Template t(R"({{choice Ann "Bob Smith" 'C'}})");
  Random random(3);
  std::set<std::string> seen;
  for (int i = 0; i < 300; ++i) {
    seen.insert(t.render({random, 0}));
  }
  EXPECT_EQ(seen, (std::set<std::string>{"Ann", "Bob Smith", "C"}));
}

TEST(Template, RendersSequenceUuidAndRandomStrings) {
  Random random(1);
  EXPECT_EQ(Template("user-{{seq}}").render({random, 41}), "user-41");
  EXPECT_TRUE(std::regex_match(
      Template("{{uuid}}").render({random, 0}),
      std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")));
  const std::string s = Template("{{randstr 12}}").render({random, 0});
  EXPECT_EQ(s.size(), 12U);
  EXPECT_TRUE(std::regex_match(s, std::regex("[A-Za-z0-9]{12}")));
}

TEST(Template, LiteralTextStaysAsItIs) {
  Random random(1);
  const Template t("no placeholders here");
  EXPECT_TRUE(t.is_literal());
  EXPECT_EQ(t.render({random, 0}), "no placeholders here");
  EXPECT_EQ(Template::literal("{{seq}}").render({random, 5}), "{{seq}}");
}

TEST(Template, RenderingAppendsWithoutGrowingOnceWarm) {
  const Template t("{{randint 100 999}}-{{choice a b}}");
  Random random(1);
  std::string out;
  out.reserve(64);
  const char* data = out.data();
  for (int i = 0; i < 1000; ++i) {
    out.clear();
    t.render_to(out, {random, static_cast<std::uint64_t>(i)});
  }
  EXPECT_EQ(out.data(), data);
}

TEST(Template, RejectsMalformedPlaceholders) {
  EXPECT_THROW(Template("{{randint 3}}"), std::invalid_argument);
  EXPECT_THROW(Template("{{randint 5 1}}"), std::invalid_argument);
  EXPECT_THROW(Template("{{randint a b}}"), std::invalid_argument);
  EXPECT_THROW(Template("{{choice}}"), std::invalid_argument);
  EXPECT_THROW(Template("{{nope}}"), std::invalid_argument);
  EXPECT_THROW(Template("{{seq"), std::invalid_argument);
  EXPECT_THROW(Template("{{randstr 0}}"), std::invalid_argument);
  EXPECT_THROW(Template("{{randstr 99999999999}}"), std::invalid_argument);  // would be 100 GB
  Random random(1);
  EXPECT_EQ(Template("{{randstr 1048576}}").render({random, 0}).size(), std::size_t{1} << 20);
}

TEST(Random, BetweenTakesRangesWiderThanHalfOfInt64) {
  // high - low overflows int64 here (undefined behaviour before it was computed unsigned).
  Random random(5);
  const std::int64_t low = -5'000'000'000'000'000'000;
  const std::int64_t high = 5'000'000'000'000'000'000;
  bool negative = false;
  bool positive = false;
  for (int i = 0; i < 100; ++i) {
    const std::int64_t v = random.between(low, high);
    ASSERT_GE(v, low);
    ASSERT_LE(v, high);
    (v < 0 ? negative : positive) = true;
  }
  EXPECT_TRUE(negative && positive);
  const std::int64_t min = std::numeric_limits<std::int64_t>::min();
  const std::int64_t max = std::numeric_limits<std::int64_t>::max();
  EXPECT_NO_FATAL_FAILURE((void)random.between(min, max));  // every value possible
  EXPECT_EQ(random.between(max, max), max);
  EXPECT_EQ(random.between(min, min), min);
}

TEST(Random, BetweenCoversTheWholeRange) {
  Random random(9);
  std::set<std::int64_t> seen;
  for (int i = 0; i < 1000; ++i) {
    seen.insert(random.between(-2, 2));
  }
  EXPECT_EQ(seen, (std::set<std::int64_t>{-2, -1, 0, 1, 2}));
}

}  // namespace
}  // namespace statefun::load
