#include <gmock/gmock.h>
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <statefun/testkit/client.hpp>
#include <statefun/testkit/matchers.hpp>

#include "test_functions.hpp"

namespace statefun::testkit {
namespace {

using testing::HasSubstr;
using testing::Not;

protocol::Response counter_reply() {
  InProcessClient client(statefun::test::make_test_handler());
  return client.call(protocol::RequestBuilder("example/counter/a")
                         .with_state("n", int_type(), 2)
                         .with_invocation(string_type(), "ask")
                         .build());
}

protocol::Response echo_reply() {
  InProcessClient client(statefun::test::make_test_handler());
  return client.call(protocol::RequestBuilder("example/echo/e")
                         .with_invocation(protocol::make_typed_value(
                                              "example/Greet", {{"name", "Ann"}, {"visits", 2}}),
                                          Address("example/person", "Ann"))
                         .build());
}

TEST(Matchers, MatchWhatWasSent) {
  const protocol::Response r = counter_reply();
  EXPECT_THAT(r, SetsState("n", IntValue(3)));
  EXPECT_THAT(r, SendsMessageTo("example/sink/a", IntValue(testing::Gt(2))));
  EXPECT_THAT(r, SendsDelayedMessageTo("example/sink/a", 250, StringValue("later")));
  EXPECT_THAT(r, CancelsDelayedMessage("old"));
  EXPECT_THAT(r, Not(DeletesState("n")));
  EXPECT_THAT(r, Not(SendsEgress("io.statefun.playground/egress")));
  EXPECT_THAT(r, Not(HasNoEffects()));
}

TEST(Matchers, MatchDecodedJson) {
  const protocol::Response r = echo_reply();
  EXPECT_THAT(r, SendsMessageTo("example/person/Ann", JsonEq({{"name", "Ann"}, {"visits", 2}})));
  EXPECT_THAT(r, SendsMessageTo("example/person/Ann", JsonContains({{"visits", 2}})));
  EXPECT_THAT(r, SendsMessageTo("example/person/Ann", HasTypeName("example/Greet")));
  EXPECT_THAT(
      r, SendsEgress("io.statefun.playground/egress", PlaygroundRecord("echo", HasSubstr("echo"))));
  EXPECT_THAT(r, Not(SendsMessageTo("example/person/Ann", JsonContains({{"visits", 3}}))));
}

TEST(Matchers, AsksForState) {
  InProcessClient client(statefun::test::make_test_handler());
  const protocol::Response r = client.call(
      protocol::RequestBuilder("example/counter/a").with_invocation(string_type(), "x").build());
  EXPECT_THAT(r, AsksForState("n", "io.statefun.types/int"));
  EXPECT_THAT(r, Not(AsksForState("other")));
}

TEST(Matchers, AFailureSaysWhatWasExpectedAndWhatCame) {
  const protocol::Response r = echo_reply();
  EXPECT_NONFATAL_FAILURE(
      EXPECT_THAT(r, SendsMessageTo("example/person/Ann", JsonContains({{"visits", 3}}))),
      "Expected: has one of its messages that (whose target is equal to \"example/person/Ann\")");
  EXPECT_NONFATAL_FAILURE(
      EXPECT_THAT(r, SendsMessageTo("example/person/Ann", JsonContains({{"visits", 3}}))),
      "whose value is {\"name\":\"Ann\",\"visits\":2}, which differs at visits");
  EXPECT_NONFATAL_FAILURE(EXPECT_THAT(r, SetsState("n")), "which has no state mutations");
}

TEST(Matchers, ExplanationsListEveryCandidate) {
  testing::StringMatchResultListener listener;
  const bool matched =
      testing::ExplainMatchResult(SetsState("n", IntValue(7)), counter_reply(), &listener);
  EXPECT_FALSE(matched);
  EXPECT_THAT(listener.str(), HasSubstr("whose 1 state mutations do not match"));
  EXPECT_THAT(listener.str(),
              HasSubstr("#0 MODIFY n = {\"typename\":\"io.statefun.types/int\",\"value\":3}"));

  InProcessClient client(statefun::test::make_test_handler());
  const protocol::Response asks = client.call(
      protocol::RequestBuilder("example/counter/a").with_invocation(string_type(), "x").build());
  testing::StringMatchResultListener why;
  EXPECT_FALSE(testing::ExplainMatchResult(SetsState("n"), asks, &why));
  EXPECT_THAT(why.str(), HasSubstr("which asks for state instead: { n (io.statefun.types/int) }"));
}

}  // namespace
}  // namespace statefun::testkit
