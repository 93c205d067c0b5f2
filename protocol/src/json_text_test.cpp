#include <string>

#include <gtest/gtest.h>

#include <statefun/protocol/json_text.hpp>

namespace statefun::protocol {
namespace {

std::string nested(int depth) {
  return std::string(static_cast<std::size_t>(depth), '[') + "1" +
         std::string(static_cast<std::size_t>(depth), ']');
}

TEST(JsonText, ParsesJsonUpToTheDepthBound) {
  EXPECT_EQ(parse_json(R"({"name":"G","visits":[1,2]})")["visits"][1], 2);
  const nlohmann::json deepest = parse_json(nested(kMaxJsonDepth));
  ASSERT_FALSE(deepest.is_discarded());
  EXPECT_EQ(deepest.dump(), nested(kMaxJsonDepth));
}

TEST(JsonText, BracketsInStringsAreNotNesting) {
  const std::string brackets(300, '[');
  EXPECT_EQ(parse_json(R"({"a":")" + brackets + R"("})")["a"], brackets);
  EXPECT_EQ(parse_json(R"(["\\", ")" + brackets + R"(\"]"])")[1], brackets + "\"]");
  EXPECT_TRUE(parse_json(R"(["\"", )" + nested(kMaxJsonDepth) + "]").is_discarded());
}

TEST(JsonText, DeeperOrInvalidIsDiscarded) {
  EXPECT_TRUE(parse_json(nested(kMaxJsonDepth + 1)).is_discarded());
  EXPECT_TRUE(parse_json(nested(65'000)).is_discarded());  // dump() would overflow the stack
  EXPECT_TRUE(parse_json(std::string(65'000, '{')).is_discarded());
  EXPECT_TRUE(parse_json("{").is_discarded());
  EXPECT_TRUE(parse_json("").is_discarded());
}

}  // namespace
}  // namespace statefun::protocol
