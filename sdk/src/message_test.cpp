
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <statefun/json.hpp>
#include <statefun/message.hpp>

namespace statefun {
namespace {

using testing::HasSubstr;

const Address kTarget("example/greeter", "Ann");

TEST(MessageBuilder, EncodesBuiltInValues) {
  EXPECT_EQ(MessageBuilder(kTarget).with_value(7).build().as_int(), 7);
  EXPECT_EQ(MessageBuilder(kTarget).with_value(std::int64_t{1} << 40).build().as_long(),
            std::int64_t{1} << 40);
  EXPECT_TRUE(MessageBuilder(kTarget).with_value(true).build().as_bool());
  EXPECT_EQ(MessageBuilder(kTarget).with_value(2.5F).build().as_float(), 2.5F);
  EXPECT_EQ(MessageBuilder(kTarget).with_value(2.5).build().as_double(), 2.5);
  EXPECT_EQ(MessageBuilder(kTarget).with_value("hi").build().as_string(), "hi");
}

/// The typename with_value(value) gives.
template <typename T>
std::string type_of(T value) {
  return std::string(MessageBuilder(kTarget).with_value(value).build().value_type_name());
}

TEST(MessageBuilder, TypesEveryNumberAndStringWithoutAmbiguity) {
  EXPECT_EQ(type_of(42), type_names::kInt);
  EXPECT_EQ(type_of(std::int16_t{42}), type_names::kInt);
  EXPECT_EQ(type_of(std::uint16_t{42}), type_names::kInt);
  EXPECT_EQ(type_of(42L), type_names::kLong);
  EXPECT_EQ(type_of(42LL), type_names::kLong);
  EXPECT_EQ(type_of(42U), type_names::kLong);  // every uint32 fits a long, not an int
  EXPECT_EQ(type_of(42UL), type_names::kLong);
  EXPECT_EQ(type_of(1.5F), type_names::kFloat);
  EXPECT_EQ(type_of(1.5), type_names::kDouble);
  EXPECT_EQ(type_of(false), type_names::kBool);
  EXPECT_EQ(type_of("text"), type_names::kString);
  EXPECT_EQ(type_of(std::string("text")), type_names::kString);
  EXPECT_EQ(type_of(std::string_view("text")), type_names::kString);
  EXPECT_EQ(MessageBuilder(kTarget).with_value(4'000'000'000U).build().as_long(), 4'000'000'000);
  EXPECT_EQ(MessageBuilder(kTarget).with_value(std::string_view("hi")).build().as_string(), "hi");
}

TEST(MessageBuilder, RefusesAnUnsignedValueBeyondTheLargestLong) {
  try {
    (void)MessageBuilder(kTarget).with_value(std::numeric_limits<std::uint64_t>::max());
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), errc::invalid_argument);
    EXPECT_THAT(e.what(), HasSubstr("18446744073709551615"));
  }
}

TEST(MessageBuilder, KeepsTargetAndTypename) {
  const Message m = MessageBuilder("example/greeter", "Bob").with_value(1).build();
  EXPECT_EQ(m.target(), Address("example/greeter", "Bob"));
  EXPECT_EQ(m.value_type_name(), "io.statefun.types/int");
  EXPECT_TRUE(m.typed_value().has_value);
  EXPECT_TRUE(m.is_int());
  EXPECT_FALSE(m.is_long());
}

TEST(MessageBuilder, ZeroValueIsPresentWithEmptyBytes) {
  const Message m = MessageBuilder(kTarget).with_value(0).build();
  EXPECT_TRUE(m.typed_value().has_value);
  EXPECT_EQ(m.raw_value(), "");
  EXPECT_EQ(m.as_int(), 0);
}

TEST(MessageBuilder, RefusesAMessageWithoutValue) {
  try {
    MessageBuilder(kTarget).build();
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), errc::invalid_argument);
    EXPECT_THAT(e.what(), HasSubstr("example/greeter/Ann"));
  }
}

TEST(Message, ReadingWithAnotherTypeIsAnInvalidMessage) {
  const Message m = MessageBuilder(kTarget).with_value("text").build();
  try {
    (void)m.as_int();
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), errc::invalid_message);
    EXPECT_THAT(e.what(), HasSubstr("io.statefun.types/string"));
    EXPECT_THAT(e.what(), HasSubstr("io.statefun.types/int"));
  }
}

TEST(Message, UndecodableBytesAreAnInvalidMessage) {
  const auto json = make_json_type("example/Json");
  const Message m(kTarget, TypedValue{"example/Json", true, "{not json"});
  EXPECT_TRUE(m.is(json));
  try {
    (void)m.as(json);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), errc::invalid_message);
    EXPECT_THAT(e.what(), HasSubstr("invalid JSON"));
  }
}

struct Point {
  int x = 0;
  int y = 0;
  friend bool operator==(const Point&, const Point&) = default;
};

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Point, x, y)

TEST(Message, JsonTypesRoundTripStructs) {
  const auto point_type = make_json_type<Point>("example/Point");
  const Message m = MessageBuilder(kTarget).with_value(point_type, Point{1, 2}).build();
  EXPECT_EQ(m.raw_value(), R"({"x":1,"y":2})");
  EXPECT_EQ(m.as(point_type), (Point{1, 2}));
}

TEST(Message, JsonTypesAcceptAnyValidJson) {
  const auto json = make_json_type("example/Json");
  // Go adds a newline and escapes <>&; Python adds spaces: all decode the same.
  const Message go(kTarget, TypedValue{"example/Json", true, "{\"a\":\"\\u003c\"}\n"});
  const Message py(kTarget, TypedValue{"example/Json", true, R"({"a": "<"})"});
  EXPECT_EQ(go.as(json), py.as(json));
}

}  // namespace
}  // namespace statefun

namespace statefun {
namespace {

TEST(Message, OrderedJsonKeepsKeyOrder) {
  const auto ordered = make_json_type<nlohmann::ordered_json>("example/Record");
  const nlohmann::ordered_json record = {{"topic", "t"}, {"payload", "p"}};
  const Message m = MessageBuilder(Address("example/x", "1")).with_value(ordered, record).build();
  EXPECT_EQ(m.raw_value(), R"({"topic":"t","payload":"p"})");
  EXPECT_EQ(m.as(ordered), record);
}

}  // namespace
}  // namespace statefun
