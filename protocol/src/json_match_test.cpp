
#include <string>

#include <gtest/gtest.h>

#include <statefun/protocol/json_match.hpp>

namespace statefun::protocol {
namespace {

using nlohmann::json;

TEST(JsonContains, ObjectsMayHaveMoreKeys) {
  EXPECT_TRUE(json_contains({{"topic", "greetings"}, {"payload", "hi"}}, {{"topic", "greetings"}}));
  EXPECT_TRUE(json_contains({{"a", {{"b", 1}, {"c", 2}}}}, {{"a", {{"b", 1}}}}));
}

TEST(JsonContains, NamesTheFirstDifference) {
  std::string where;
  EXPECT_FALSE(json_contains({{"a", {{"b", 1}}}}, {{"a", {{"b", 2}}}}, &where));
  EXPECT_EQ(where, "a.b");
  EXPECT_FALSE(json_contains({{"items", {1, 2}}}, {{"items", {1, 3}}}, &where));
  EXPECT_EQ(where, "items[1]");
  EXPECT_FALSE(json_contains({{"a", 1}}, {{"missing", 1}}, &where));
  EXPECT_EQ(where, "missing");
  EXPECT_FALSE(json_contains(json(1), json("1"), &where));
  EXPECT_EQ(where, "(the whole value)");
}

TEST(JsonContains, ArraysMustHaveTheSameLength) {
  EXPECT_FALSE(json_contains(json({1, 2, 3}), json({1, 2})));
  EXPECT_TRUE(json_contains(json({{{"a", 1}, {"b", 2}}}), json({{{"a", 1}}})));
}

TEST(JsonContains, NumbersCompareByValue) {
  EXPECT_TRUE(json_contains(json(3), json(3.0)));
}

}  // namespace
}  // namespace statefun::protocol
