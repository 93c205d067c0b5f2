// Check 2 of issue 6: requests built by the test kit, sent to the JS SDK greeter; its answers
// decode right with the test kit, the IncompleteInvocationContext whose expiration spec the
// JS SDK leaves out included.

#include <cstdint>
#include <memory>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <statefun/json.hpp>
#include <statefun/protocol/request.hpp>
#include <statefun/testkit/matchers.hpp>
#include <statefun/testkit/session.hpp>

#include "peers.hpp"
#include "sdk/request-reply.pb.h"

namespace statefun::interop {
namespace {

using nlohmann::json;
using protocol::RequestBuilder;
using protocol::Response;
using testing::ElementsAre;
using testing::SizeIs;
using testkit::AsksForState;
using testkit::HasTypeName;
using testkit::IntValue;
using testkit::JsonEq;
using testkit::PlaygroundRecord;
using testkit::SendsEgress;
using testkit::SendsMessageTo;
using testkit::SetsState;

namespace pb = io::statefun::sdk::reqreply;

constexpr const char* kEgress = "io.statefun.playground/egress";

const Type<json>& greet_request_type() {
  static const auto type = make_json_type("example/GreetRequest");
  return type;
}

const Address kGeorge(TypeName("example/person"), "George");

class InteropTestkitVsJsGreeter : public testing::Test {
 protected:
  static void SetUpTestSuite() { peer_ = std::make_unique<Peer>(js_greeter_command()); }

  static void TearDownTestSuite() { peer_.reset(); }

  static testkit::HttpClient& client() { return peer_->client; }

  static Response greet(std::int64_t visits) {
    return client().call(RequestBuilder("example/greeter/George")
                             .with_invocation(greet_request_type(),
                                              {{"name", "George"}, {"visits", visits}},
                                              kGeorge)
                             .build());
  }

  static RequestBuilder person_request() {
    RequestBuilder builder(kGeorge);
    builder.with_invocation(greet_request_type(), {{"name", "George"}});
    return builder;
  }

 private:
  static inline std::unique_ptr<Peer> peer_;
};

TEST_F(InteropTestkitVsJsGreeter, GreetsWithTheJavaScriptTexts) {
  EXPECT_THAT(greet(1), SendsEgress(kEgress, PlaygroundRecord("greetings", "Welcome George")));
  EXPECT_THAT(greet(2),
              SendsEgress(kEgress, PlaygroundRecord("greetings", "Nice to see you again George")));
  EXPECT_THAT(greet(3),
              SendsEgress(kEgress, PlaygroundRecord("greetings", "Third time is a charm George")));
  EXPECT_THAT(
      greet(4),
      SendsEgress(kEgress,
                  PlaygroundRecord("greetings", "Nice to see you at the 4-nth time George!")));
}

TEST_F(InteropTestkitVsJsGreeter, AnswersOnlyWithOneEgressRecord) {
  const Response r = greet(2);
  EXPECT_EQ(r.kind, Response::Kind::invocation_result);
  ASSERT_THAT(r.egress, SizeIs(1));
  EXPECT_TRUE(r.egress[0].argument.has_value);
  EXPECT_EQ(r.egress[0].argument.type_name, "io.statefun.playground/EgressRecord");
  EXPECT_THAT(r.messages, SizeIs(0));
  EXPECT_THAT(r.delayed, SizeIs(0));
  EXPECT_THAT(r.mutations, SizeIs(0));
}

TEST_F(InteropTestkitVsJsGreeter, AnswersABatchOfThreeInOrder) {
  RequestBuilder batch("example/greeter/George");
  for (int visits : {1, 2, 3}) {
    batch.with_invocation(greet_request_type(), {{"name", "George"}, {"visits", visits}}, kGeorge);
  }
  const Response r = client().call(batch.build());
  const auto payload = [](const char* text) {
    return testing::Field(&protocol::SentEgress::argument, PlaygroundRecord("greetings", text));
  };
  EXPECT_THAT(r.egress,
              ElementsAre(payload("Welcome George"),
                          payload("Nice to see you again George"),
                          payload("Third time is a charm George")));
}

TEST_F(InteropTestkitVsJsGreeter, PersonWithoutStateAsksForVisitsWithoutExpiration) {
  const std::string answer = client().call_bytes(person_request().bytes());

  // The JS SDK leaves expiration_spec out when a spec has no TTL...
  pb::FromFunction raw;
  ASSERT_TRUE(raw.ParseFromString(answer));
  ASSERT_EQ(raw.incomplete_invocation_context().missing_values_size(), 1);
  EXPECT_FALSE(raw.incomplete_invocation_context().missing_values(0).has_expiration_spec());

  // ... and the test kit reads the absent fields as NONE and 0 ms.
  const Response r = protocol::decode_response(answer);
  EXPECT_THAT(r, AsksForState("visits", "io.statefun.types/int"));
  EXPECT_THAT(r.missing_values,
              ElementsAre(protocol::MissingValue{
                  "visits", "io.statefun.types/int", Expiration::Mode::none, 0}));
}

TEST_F(InteropTestkitVsJsGreeter, PersonWithStatePresentButEmptyCountsOne) {
  const Response r = client().call(person_request().with_empty_state("visits").build());
  EXPECT_THAT(r, SetsState("visits", IntValue(1)));
  EXPECT_THAT(
      r, SendsMessageTo("example/greeter/George", JsonEq({{"name", "George"}, {"visits", 1}})));
}

TEST_F(InteropTestkitVsJsGreeter, PersonWithVisitsTwoCountsThree) {
  const Response r = client().call(person_request().with_state("visits", int_type(), 2).build());
  ASSERT_THAT(r.mutations, SizeIs(1));
  EXPECT_EQ(r.mutations[0],
            (protocol::StateMutation{
                protocol::StateMutation::Kind::modify,
                "visits",
                TypedValue{"io.statefun.types/int", true, int_type().serialize(3)}}));
  ASSERT_THAT(r.messages, SizeIs(1));
  EXPECT_EQ(r.messages[0].target, Address(TypeName("example/greeter"), "George"));
  EXPECT_THAT(r.messages[0].argument,
              testing::AllOf(HasTypeName("example/GreetRequest"),
                             JsonEq({{"name", "George"}, {"visits", 3}})));
}

TEST_F(InteropTestkitVsJsGreeter, SessionDrivesThePersonLikeTheRuntime) {
  testkit::Session session(client());
  Response last;
  for (int i = 0; i < 3; ++i) {
    last = session.send(kGeorge,
                        protocol::make_typed_value("example/GreetRequest", {{"name", "George"}}));
  }
  EXPECT_EQ(session.requests_sent(), 4) << "one extra round trip for the missing state";
  EXPECT_EQ(session.value(kGeorge, "visits"),
            (TypedValue{"io.statefun.types/int", true, int_type().serialize(3)}));
  ASSERT_THAT(last.messages, SizeIs(1));

  const Response greeting =
      session.send(last.messages[0].target, last.messages[0].argument, kGeorge);
  EXPECT_THAT(greeting,
              SendsEgress(kEgress, PlaygroundRecord("greetings", "Third time is a charm George")));
}

TEST_F(InteropTestkitVsJsGreeter, ErrorsAre500WithAnEmptyBody) {
  const testkit::HttpReply reply =
      client().post(RequestBuilder("example/nobody/George")
                        .with_invocation(greet_request_type(), {{"name", "George"}})
                        .bytes());
  EXPECT_EQ(reply.status, 500);
  EXPECT_EQ(reply.body, "");
  EXPECT_EQ(reply.content_type, "application/octet-stream");

  try {
    client().call(person_request().with_state("visits", string_type(), "two").build());
    ADD_FAILURE() << "expected a CallError for a state of another type";
  } catch (const testkit::CallError& e) {
    EXPECT_EQ(e.kind(), testkit::CallErrorKind::status) << e.what();
    EXPECT_EQ(e.status(), 500) << e.what();
  }
}

}  // namespace
}  // namespace statefun::interop
