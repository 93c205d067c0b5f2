
#include <optional>

#include <gtest/gtest.h>

#include <statefun/error.hpp>
#include <statefun/protocol/request.hpp>
#include <statefun/protocol/response.hpp>

#include "sdk/request-reply.pb.h"

namespace statefun::protocol {
namespace {

namespace pb = io::statefun::sdk::reqreply;

TEST(Codec, RequestRoundTrips) {
  const Request request = RequestBuilder("example/person/George")
                              .with_state("visits", int_type(), 2)
                              .with_empty_state("seen")
                              .with_invocation(string_type(), "a", Address("example/x", "1"))
                              .with_invocation(TypedValue{"example/Raw", false, ""})
                              .build();
  EXPECT_EQ(decode_request(encode_request(request)), request);
}

TEST(Codec, RequestIsTheWireMessage) {
  pb::ToFunction to;
  ASSERT_TRUE(to.ParseFromString(RequestBuilder("example/greeter/Ann")
                                     .with_empty_state("visits")
                                     .with_invocation(int_type(), 0)
                                     .bytes()));
  const auto& batch = to.invocation();
  EXPECT_EQ(batch.target().namespace_(), "example");
  EXPECT_EQ(batch.target().type(), "greeter");
  EXPECT_EQ(batch.target().id(), "Ann");
  EXPECT_EQ(batch.state(0).state_name(), "visits");
  EXPECT_FALSE(batch.state(0).has_state_value());
  EXPECT_FALSE(batch.invocations(0).has_caller());
  EXPECT_TRUE(batch.invocations(0).argument().has_value());
  EXPECT_EQ(batch.invocations(0).argument().value(), "");
}

TEST(Codec, ResponseRoundTrips) {
  Response response;
  response.kind = Response::Kind::invocation_result;
  response.messages.push_back({Address("example/a", "1"), TypedValue{"t/x", true, "b"}});
  response.delayed.push_back(
      {1500, Address("example/b", "2"), TypedValue{"t/y", true, ""}, "tok", false});
  response.delayed.push_back({0, std::nullopt, std::nullopt, "tok", true});
  response.egress.push_back({"example/out", TypedValue{"t/z", true, "z"}});
  response.mutations.push_back({StateMutation::Kind::modify, "n", TypedValue{"t/n", true, "v"}});
  response.mutations.push_back({StateMutation::Kind::remove, "m", std::nullopt});
  EXPECT_EQ(decode_response(encode_response(response)), response);

  Response missing;
  missing.kind = Response::Kind::incomplete_invocation_context;
  missing.missing_values.push_back(
      {"visits", "io.statefun.types/int", Expiration::Mode::after_call, 60000});
  EXPECT_EQ(decode_response(encode_response(missing)), missing);
  EXPECT_EQ(decode_response(""), Response{});
}

TEST(Codec, AbsentExpirationSpecReadsAsNone) {
  pb::FromFunction from;
  from.mutable_incomplete_invocation_context()->add_missing_values()->set_state_name("visits");
  const Response r = decode_response(from.SerializeAsString());
  ASSERT_EQ(r.missing_values.size(), 1U);
  EXPECT_EQ(r.missing_values[0].expiration_mode, Expiration::Mode::none);
  EXPECT_EQ(r.missing_values[0].expire_after_ms, 0);
}

TEST(Codec, ExpirationModesAreReadByTheirProtocolNumbers) {
  EXPECT_EQ(expiration_mode(pb::FromFunction::ExpirationSpec::NONE), Expiration::Mode::none);
  EXPECT_EQ(expiration_mode(pb::FromFunction::ExpirationSpec::AFTER_WRITE),
            Expiration::Mode::after_write);
  EXPECT_EQ(expiration_mode(pb::FromFunction::ExpirationSpec::AFTER_INVOKE),
            Expiration::Mode::after_call);
  EXPECT_EQ(expiration_mode(7), Expiration::Mode::none);  // not a mode the protocol defines
}

TEST(Codec, GarbageIsRejected) {
  EXPECT_THROW(decode_response("\xFF\xFF\xFF"), Error);
  EXPECT_THROW(decode_request("\xFF\xFF\xFF"), Error);
  EXPECT_THROW(decode_request(""), Error);  // no invocation batch
}

}  // namespace
}  // namespace statefun::protocol

#include <statefun/protocol/message_kind.hpp>

namespace statefun::protocol {
namespace {

TEST(MessageKind, TellsRequestsFromResponses) {
  EXPECT_EQ(
      detect_message_kind(RequestBuilder("example/a/b").with_invocation(int_type(), 1).bytes()),
      MessageKind::to_function);
  Response r;
  r.kind = Response::Kind::invocation_result;
  r.mutations.push_back(
      {StateMutation::Kind::modify, "n", TypedValue{"io.statefun.types/int", true, ""}});
  r.messages.push_back({Address("example/a", "b"), TypedValue{"t/x", true, "v"}});
  EXPECT_EQ(detect_message_kind(encode_response(r)), MessageKind::from_function);
  Response missing;
  missing.kind = Response::Kind::incomplete_invocation_context;
  missing.missing_values.push_back({"n", "io.statefun.types/int", Expiration::Mode::none, 0});
  EXPECT_EQ(detect_message_kind(encode_response(missing)), MessageKind::from_function);
  EXPECT_EQ(detect_message_kind(""), MessageKind::from_function);
  EXPECT_EQ(detect_message_kind("\xFF\xFF"), std::nullopt);
  EXPECT_EQ(detect_message_kind("\x0A\x03"
                                "abc"),
            std::nullopt);  // field 1: neither message has it
}

}  // namespace
}  // namespace statefun::protocol
