
#include "json_pattern.hpp"

#include <string>

#include <gtest/gtest.h>

namespace statefun::cases::detail {
namespace {

using nlohmann::json;

TEST(JsonPattern, ExactComparesEveryKeyAndNumbersByValue) {
  std::string where;
  EXPECT_TRUE(json_matches(
      json::parse(R"({"a": 1, "b": [1, 2]})"), json::parse(R"({"b": [1.0, 2], "a": 1})"), false));
  EXPECT_FALSE(json_matches(
      json::parse(R"({"a": 1, "extra": 2})"), json::parse(R"({"a": 1})"), false, &where));
  EXPECT_EQ(where, "extra");
  EXPECT_FALSE(json_matches(json::parse(R"({"a": {"b": [1, 2]}})"),
                            json::parse(R"({"a": {"b": [1, 3]}})"),
                            false,
                            &where));
  EXPECT_EQ(where, "a.b[1]");
  EXPECT_FALSE(json_matches(json(1), json("1"), false, &where));
  EXPECT_EQ(where, "(the whole value)");
}

TEST(JsonPattern, SubsetIgnoresOtherKeysAtEveryLevel) {
  std::string where;
  EXPECT_TRUE(json_matches(
      json::parse(R"({"a": {"b": 1, "c": 2}, "d": 3})"), json::parse(R"({"a": {"b": 1}})"), true));
  EXPECT_FALSE(json_matches(
      json::parse(R"({"a": {"c": 2}})"), json::parse(R"({"a": {"b": 1}})"), true, &where));
  EXPECT_EQ(where, "a.b");
}

TEST(JsonPattern, RegexesSearchStrings) {
  const json pattern = {{"payload", {{"$regex", "^Welcome [A-Z]"}}}};
  EXPECT_TRUE(json_matches(json({{"payload", "Welcome George"}}), pattern, false));
  EXPECT_FALSE(json_matches(json({{"payload", "welcome george"}}), pattern, false));
  EXPECT_FALSE(json_matches(json({{"payload", 3}}), pattern, false));
  EXPECT_TRUE(is_regex(json({{"$regex", "x"}})));
  EXPECT_FALSE(is_regex(json({{"$regex", "x"}, {"other", 1}})));
  EXPECT_EQ(invalid_regex(json::array({json({{"$regex", "ok"}})})), "");
  EXPECT_NE(invalid_regex(json({{"a", {{"$regex", "("}}}})), "");
}

TEST(JsonPattern, RegexesMatchInLinearTimeWithoutRecursion) {
  // std::regex recursed once per character: 20 KB against this pattern crashed sft test.
  const json pattern = {{"$regex", "^(a|b)*$"}};
  const std::string text = std::string(100'000, 'a') + std::string(100'000, 'b');
  EXPECT_TRUE(json_matches(json(text), pattern, false));
  EXPECT_FALSE(json_matches(json(text + "c"), pattern, false));
}

TEST(JsonPattern, RegexesAreRe2s) {
  EXPECT_TRUE(json_matches(json("Hello"), json({{"$regex", "(?i)^hel+o$"}}), false));
  EXPECT_TRUE(json_matches(json("id 42"), json({{"$regex", "\\d{2}$"}}), false));
  EXPECT_EQ(invalid_regex(json({{"$regex", "(a)\\1"}})),
            "invalid regex \"(a)\\\\1\": invalid escape sequence: \\1");
  EXPECT_EQ(invalid_regex(json({{"$regex", "("}})), "invalid regex \"(\": missing ): (");
}

TEST(JsonPattern, ShownPairHidesWhatMatched) {
  const json expected = {{"payload", {{"$regex", "^Welcome"}}}, {"topic", "x"}};
  const json actual = {{"payload", "Welcome George"}, {"topic", "greetings"}, {"more", 1}};
  const ShownPair pair = shown_pair(expected, actual, true);
  EXPECT_EQ(pair.expected, json({{"payload", "Welcome George"}, {"topic", "x"}}));
  EXPECT_EQ(pair.actual, json({{"payload", "Welcome George"}, {"topic", "greetings"}}));
}

TEST(JsonPattern, LineDiffMarksExpectedAndActualLines) {
  EXPECT_EQ(line_diff("{\n  \"a\": 1,\n  \"b\": 2\n}", "{\n  \"a\": 1,\n  \"b\": 3\n}", "> "),
            ">   {\n>     \"a\": 1,\n> -   \"b\": 2\n> +   \"b\": 3\n>   }\n");
  EXPECT_EQ(line_diff("x", "", ""), "- x\n");
  EXPECT_EQ(pretty(json({{"name", "Jürgen"}})), "{\n  \"name\": \"Jürgen\"\n}");
  EXPECT_EQ(compact(json(std::string("\xff"))), "\"\xEF\xBF\xBD\"");
}

}  // namespace
}  // namespace statefun::cases::detail
