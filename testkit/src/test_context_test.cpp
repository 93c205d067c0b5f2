// TestContext: a function called directly, its state seeded and its effects read as values.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <statefun/egress.hpp>
#include <statefun/error.hpp>
#include <statefun/json.hpp>
#include <statefun/testkit/test_context.hpp>

namespace statefun::testkit {
namespace {

using std::chrono::milliseconds;
using testing::HasSubstr;

const ValueSpec<std::int32_t> kVisits("visits", int_type());
const ValueSpec<std::string> kLast("last", string_type());
const auto kGreetRequest = make_json_type("example/GreetRequest");

/// The playground's person: counts visits and greets through example/greeter.
void person(Context& context, const Message& message) {
  const auto request = message.as(kGreetRequest);
  const std::int32_t seen = context.storage().get(kVisits).value_or(0) + 1;
  context.storage().set(kVisits, seen);
  context.storage().remove(kLast);
  context.send(MessageBuilder("example/greeter", request["name"])
                   .with_value(kGreetRequest, {{"name", request["name"]}, {"visits", seen}})
                   .build());
}

Message greet(const std::string& name) {
  return MessageBuilder("example/person", name).with_value(kGreetRequest, {{"name", name}}).build();
}

TEST(TestContext, CallsAFunctionWithSeededStateAndReadsWhatItDid) {
  TestContext test(Address("example/person", "George"), {kVisits, kLast});
  test.set_state(kVisits, 2);
  test.set_state(kLast, "yesterday");
  test.call(person, greet("George"));
  EXPECT_EQ(test.state(kVisits), 3);
  EXPECT_EQ(test.state(kLast), std::nullopt);
  ASSERT_EQ(test.sent_messages().size(), 1U);
  const Message& sent = test.sent_messages()[0];
  EXPECT_EQ(sent.target(), Address("example/greeter", "George"));
  EXPECT_EQ(sent.as(kGreetRequest), (nlohmann::json{{"name", "George"}, {"visits", 3}}));
  const std::vector<protocol::StateMutation> mutations = test.mutations();
  ASSERT_EQ(mutations.size(), 2U);
  EXPECT_EQ(mutations[0].name, "visits");
  EXPECT_EQ(mutations[0].value,
            (TypedValue{"io.statefun.types/int", true, int_type().serialize(3)}));
  EXPECT_EQ(mutations[1].kind, protocol::StateMutation::Kind::remove);
}

TEST(TestContext, KeepsStateAcrossCallsAndForgetsEffectsOnRequest) {
  TestContext test(Address("example/person", "Ann"), {kVisits, kLast});
  test.call(person, greet("Ann"));
  test.clear_effects();
  EXPECT_TRUE(test.sent_messages().empty());
  EXPECT_TRUE(test.mutations().empty());
  test.call(person, greet("Ann"));
  EXPECT_EQ(test.state(kVisits), 2);
  EXPECT_EQ(test.sent_messages().size(), 1U);
}

TEST(TestContext, RecordsDelayedMessagesCancellationsAndEgressInOrder) {
  TestContext test(Address("example/reminder", "r1"), {});
  test.call(
      [](Context& c, const Message&) {
        c.send_after(
            milliseconds(1500), MessageBuilder("example/t", "1").with_value(1).build(), "tok");
        c.cancel_delayed_message("old");
        c.send_egress(KafkaEgressBuilder("example/out").with_topic("t").with_value("v").build());
      },
      MessageBuilder("example/reminder", "r1").with_value("go").build());
  ASSERT_EQ(test.sent_delayed_messages().size(), 2U);
  EXPECT_EQ(test.sent_delayed_messages()[0].delay, milliseconds(1500));
  EXPECT_EQ(test.sent_delayed_messages()[0].cancellation_token, "tok");
  EXPECT_TRUE(test.sent_delayed_messages()[1].is_cancellation);
  ASSERT_EQ(test.sent_egress().size(), 1U);
  EXPECT_EQ(test.sent_egress()[0].egress.str(), "example/out");
}

TEST(TestContext, ShowsTheCallerAndTheAddress) {
  TestContext test(Address("example/greeter", "Bob"), {});
  std::optional<Address> caller;
  Address self("example/x", "y");
  const StatefulFunction look = [&](Context& c, const Message&) {
    caller = c.caller();
    self = c.self();
  };
  test.call(look, MessageBuilder("example/greeter", "Bob").with_value(1).build());
  EXPECT_EQ(caller, std::nullopt);
  test.set_caller(Address("example/person", "Bob"));
  test.call(look, MessageBuilder("example/greeter", "Bob").with_value(1).build());
  EXPECT_EQ(caller, Address("example/person", "Bob"));
  EXPECT_EQ(self, Address("example/greeter", "Bob"));
}

TEST(TestContext, AppliesTheStateRulesOfTheHandler) {
  TestContext test(Address("example/person", "Zoe"), {kVisits});
  test.set_state("visits", TypedValue{"io.statefun.types/string", true, "x"});
  try {
    (void)test.state(kVisits);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), errc::type_mismatch);
  }
  try {
    test.call(person, greet("Zoe"));  // the person also removes `last`, which it did not declare
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), errc::type_mismatch);  // it reads `visits` first
  }
  EXPECT_THROW(test.set_state(kLast, "x"), Error);  // not among the specs
}

TEST(TestContext, ChecksWhatTheContextChecks) {
  TestContext test(Address("example/x", "1"), {});
  try {
    test.call(
        [](Context& c, const Message&) {
          c.send_after(milliseconds(-1), MessageBuilder("example/t", "1").with_value(1).build());
        },
        MessageBuilder("example/x", "1").with_value(1).build());
    FAIL();
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("must not be negative"));
  }
}

}  // namespace
}  // namespace statefun::testkit
