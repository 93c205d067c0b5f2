
#include <cstdint>
#include <optional>
#include <utility>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <statefun/error.hpp>
#include <statefun/testkit/matchers.hpp>
#include <statefun/testkit/session.hpp>

#include "test_functions.hpp"

namespace statefun::testkit {
namespace {

using testing::HasSubstr;

const TypedValue kTick{"io.statefun.types/string", true, string_type().serialize("tick")};

TEST(Session, ResolvesMissingStateAndKeepsItAcrossCalls) {
  InProcessClient client(statefun::test::make_test_handler());
  Session session(client);
  const Address a("example/counter", "a");
  for (int expected = 1; expected <= 3; ++expected) {
    const protocol::Response r = session.send(a, kTick);
    EXPECT_THAT(r, SetsState("n", IntValue(expected)));
    EXPECT_THAT(r, SendsMessageTo("example/sink/a", IntValue(expected)));
  }
  EXPECT_EQ(session.requests_sent(), 4);  // one missing-state round trip, then three calls
  EXPECT_EQ(session.value(a, "n"),
            (TypedValue{"io.statefun.types/int", true, int_type().serialize(3)}));
}

TEST(Session, StateIsPerAddressButSpecsArePerType) {
  InProcessClient client(statefun::test::make_test_handler());
  Session session(client);
  session.send(Address("example/counter", "a"), kTick);
  session.send(Address("example/counter", "a"), kTick);
  const protocol::Response b = session.send(Address("example/counter", "b"), kTick);
  EXPECT_THAT(b, SetsState("n", IntValue(1)));
  EXPECT_EQ(session.requests_sent(),
            4);  // a: missing state + 2 calls; b's first already carried "n"
  const auto state = session.state_for(Address("example/counter", "c"));
  ASSERT_EQ(state.size(), 1U);
  EXPECT_EQ(state[0].name, "n");
  EXPECT_EQ(state[0].value, std::nullopt);
}

TEST(Session, DeletesApplyAndPresetValuesAreSent) {
  InProcessClient client(statefun::test::make_test_handler());
  Session session(client);
  const Address a("example/counter", "a");
  session.set_value(a, "n", TypedValue{"io.statefun.types/int", true, int_type().serialize(41)});
  EXPECT_THAT(session.send(a, kTick), SetsState("n", IntValue(42)));
  EXPECT_THAT(
      session.send(a,
                   TypedValue{"io.statefun.types/string", true, string_type().serialize("reset")}),
      DeletesState("n"));
  EXPECT_EQ(session.value(a, "n"), std::nullopt);
}

TEST(Session, BreakingARuntimeRuleFailsLikeTheRuntime) {
  StatefulFunctions functions;
  const ValueSpec<std::int32_t> n("n", int_type());
  functions.bind("example/bad", {n}, [](Context& c, const Message&) {
    c.storage().set(ValueSpec<std::int32_t>("n", int_type()), 1);
  });
  InProcessClient client{RequestReplyHandler(std::move(functions))};
  Session session(client);
  const Address a("example/bad", "a");
  session.set_value(a, "n", TypedValue{"io.statefun.types/long", true, ""});  // registered as long
  try {
    session.send(a, kTick);
    FAIL();
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("wrote state 'n' with typename 'io.statefun.types/int'"));
  }
}

TEST(Session, ErrorsOfTheServiceComeThrough) {
  InProcessClient client(statefun::test::make_test_handler());
  Session session(client);
  try {
    session.send(Address("example/counter", "a"),
                 TypedValue{"io.statefun.types/string", true, string_type().serialize("boom")});
    FAIL();
  } catch (const CallError& e) {
    EXPECT_EQ(e.kind(), CallErrorKind::status);
    EXPECT_EQ(e.status(), 500);
    EXPECT_THAT(e.body(), HasSubstr("boom requested"));
  }
}

}  // namespace
}  // namespace statefun::testkit
