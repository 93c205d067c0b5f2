// The greeter's hand-written JSON codec agrees with nlohmann::json on what it reads and writes.

#include "greet_json.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <statefun/error.hpp>

namespace greeter {
namespace {

using nlohmann::json;

TEST(GreetJson, StringsAreEscapedAsNlohmannEscapesThem) {
  std::string every_byte_below_128;
  for (int c = 1; c < 128; ++c) {
    every_byte_below_128 += static_cast<char>(c);
  }
  for (const std::string& text : {std::string(),
                                  std::string("George"),
                                  std::string("Zoë ✓ 😀"),
                                  std::string("<&>\"'\\/"),
                                  every_byte_below_128}) {
    std::string written;
    append_json_string(written, text);
    EXPECT_EQ(written, json(text).dump()) << text;
  }
}

TEST(GreetJson, GreetRequestsRoundTrip) {
  const GreetRequest request{"Zoë \"Z\"", std::int64_t{1} << 40};
  const std::string bytes = greet_request_type().serialize(request);
  EXPECT_EQ(json::parse(bytes), json({{"name", "Zoë \"Z\""}, {"visits", std::int64_t{1} << 40}}));
  EXPECT_EQ(greet_request_type().deserialize(bytes), request);
}

TEST(GreetJson, ReadsAnyValidJsonLayout) {
  // Go writes a trailing newline and escapes <>&; Python adds spaces; keys come in any order.
  EXPECT_EQ(greet_request_type().deserialize("{\"visits\":2,\"name\":\"\\u003cG\\u003e\"}\n"),
            (GreetRequest{"<G>", 2}));
  EXPECT_EQ(greet_request_type().deserialize(R"({"name": "G", "visits": null, "extra": [1, {}]})"),
            (GreetRequest{"G", 0}));
  EXPECT_EQ(greet_request_type().deserialize(R"({"name":"G","visits":-7})"),
            (GreetRequest{"G", -7}));
}

std::string rejection(std::string_view bytes) {
  try {
    greet_request_type().deserialize(bytes);
  } catch (const statefun::Error& e) {
    EXPECT_EQ(e.code(), statefun::errc::invalid_value);
    return e.what();
  }
  return "accepted";
}

TEST(GreetJson, RejectsWithAReason) {
  using testing::HasSubstr;
  EXPECT_THAT(rejection("{\"name\":\"G\""), HasSubstr("invalid JSON"));
  EXPECT_THAT(rejection("{\"name\":\"\xFF\"}"), HasSubstr("invalid JSON"));
  EXPECT_THAT(rejection("[1]"), HasSubstr("expected a JSON object, got [1]"));
  EXPECT_THAT(rejection(R"({"name":1})"), HasSubstr("\"name\" must be a string"));
  EXPECT_THAT(rejection(R"({"name":"G","visits":1.5})"),
              HasSubstr("\"visits\" must be an integer, got 1.5"));
  EXPECT_THAT(rejection(R"({"name":"G","visits":"3"})"),
              HasSubstr("\"visits\" must be an integer"));
  EXPECT_THAT(rejection(R"({"name":"G","visits":9223372036854775808})"), HasSubstr("out of range"));
  EXPECT_THAT(rejection(R"({"name":"G","visits":99999999999999999999999})"),
              HasSubstr("out of range"));
}

TEST(GreetJson, DeepNestingIsRefusedAsSuch) {
  const std::string deep =
      R"({"name":"G","x":)" + std::string(1100, '[') + std::string(1100, ']') + "}";
  EXPECT_THAT(rejection(deep), testing::HasSubstr("nested deeper than 1024 levels"));
  const std::string fine =
      R"({"name":"G","x":)" + std::string(1000, '[') + std::string(1000, ']') + "}";
  EXPECT_EQ(greet_request_type().deserialize(fine), (GreetRequest{"G", 0}));
}

TEST(GreetJson, MessagesLargerThanTheBoundAreRefusedBeforeParsing) {
  const auto padded = [](std::size_t size) {
    std::string bytes = R"({"name":"G","pad":")";
    bytes += std::string(size - bytes.size() - 2, 'x');
    return bytes + "\"}";
  };
  EXPECT_EQ(greet_request_type().deserialize(padded(kMaxMessageBytes)), (GreetRequest{"G", 0}));
  EXPECT_THAT(rejection(padded(kMaxMessageBytes + 1)),
              testing::HasSubstr(std::to_string(kMaxMessageBytes + 1) + " bytes, more than"));
}

TEST(GreetJson, EgressRecordsKeepTheGoKeyOrder) {
  EXPECT_EQ(egress_record_type().serialize({"greetings", "Welcome \"G\""}),
            R"({"topic":"greetings","payload":"Welcome \"G\""})");
  EXPECT_EQ(egress_record_type().deserialize(R"({"payload":"p","topic":"t"})"),
            (EgressRecord{"t", "p"}));
  EXPECT_THROW(egress_record_type().deserialize(R"({"topic":"t"})"), statefun::Error);
}

}  // namespace
}  // namespace greeter
