// sft decode and sft encode on bytes made elsewhere (the test kit, standing in for any SDK).

#include <optional>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <statefun/protocol/json_form.hpp>
#include <statefun/protocol/request.hpp>
#include <statefun/protocol/response.hpp>

#include "process.hpp"

namespace statefun {
namespace {

using nlohmann::json;
using testing::HasSubstr;

protocol::Request sample_request() {
  return protocol::RequestBuilder("example/person/George")
      .with_state("visits", int_type(), 2)
      .with_empty_state("seen")
      .with_invocation(protocol::make_typed_value("example/GreetRequest", {{"name", "George"}}),
                       Address("example/ingress", "x"))
      .build();
}

protocol::Response sample_response() {
  protocol::Response r;
  r.kind = protocol::Response::Kind::invocation_result;
  r.messages.push_back(
      {Address("example/greeter", "George"),
       protocol::make_typed_value("example/GreetRequest", {{"name", "George"}, {"visits", 3}})});
  r.delayed.push_back({1500,
                       Address("example/x", "1"),
                       protocol::make_typed_value("io.statefun.types/long", 7),
                       "tok",
                       false});
  r.delayed.push_back({0, std::nullopt, std::nullopt, "old", true});
  r.mutations.push_back({protocol::StateMutation::Kind::modify,
                         "visits",
                         protocol::make_typed_value("io.statefun.types/int", 3)});
  return r;
}

TEST(SftDecode, DetectsAndDecodesARequest) {
  const auto result = test::run({SFT_BINARY, "decode"}, protocol::encode_request(sample_request()));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(protocol::request_from_json(json::parse(result.out)), sample_request());
}

TEST(SftDecode, DetectsAndDecodesAResponse) {
  const auto result =
      test::run({SFT_BINARY, "decode"}, protocol::encode_response(sample_response()));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const json form = json::parse(result.out);
  EXPECT_EQ(form["invocation_result"]["outgoing_messages"][0]["argument"]["value"]["visits"], 3);
  EXPECT_EQ(protocol::response_from_json(form), sample_response());
}

TEST(SftDecode, TextOutputListsEffects) {
  const auto result =
      test::run({SFT_BINARY, "decode", "-o", "text"}, protocol::encode_response(sample_response()));
  ASSERT_EQ(result.exit_code, 0);
  EXPECT_THAT(
      result.out,
      HasSubstr("delayed  -> example/x/1 after 1500 ms (token \"tok\")  io.statefun.types/long 7"));
  EXPECT_THAT(result.out, HasSubstr("cancel   token \"old\""));
}

TEST(SftDecode, GarbageIsExplained) {
  const auto result = test::run({SFT_BINARY, "decode"}, "\xFF\xFF\xFF");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("neither a ToFunction nor a FromFunction"));
  EXPECT_EQ(test::run({SFT_BINARY, "decode", "/no/such/file"}).exit_code, 2);
}

TEST(SftDecode, AnArgumentNestedTooDeepForJsonIsShownAsText) {
  // 65,000 levels: printing them as JSON overflowed the stack; they are text instead.
  const std::string deep = std::string(65'000, '[') + std::string(65'000, ']');
  const protocol::Request request = protocol::RequestBuilder("example/f/a")
                                        .with_invocation(TypedValue{"example/Deep", true, deep})
                                        .build();
  const auto result = test::run({SFT_BINARY, "decode"}, protocol::encode_request(request));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const json form = json::parse(result.out);
  EXPECT_EQ(form["invocation"]["invocations"][0]["argument"]["text"], deep);
}

TEST(SftEncode, EncodeOfDecodeKeepsTheMeaning) {
  for (const std::string& bytes :
       {protocol::encode_request(sample_request()), protocol::encode_response(sample_response())}) {
    const auto decoded = test::run({SFT_BINARY, "decode"}, bytes);
    ASSERT_EQ(decoded.exit_code, 0);
    const auto encoded = test::run({SFT_BINARY, "encode"}, decoded.out);
    ASSERT_EQ(encoded.exit_code, 0) << encoded.err;
    const auto again = test::run({SFT_BINARY, "decode"}, encoded.out);
    EXPECT_EQ(json::parse(again.out), json::parse(decoded.out));
  }
}

TEST(SftEncode, BadJsonIsExplainedInOneLine) {
  const auto result = test::run({SFT_BINARY, "encode"}, R"({"invocation": {"target": "nope"}})");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("invalid address 'nope'"));
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1);
}

}  // namespace
}  // namespace statefun
