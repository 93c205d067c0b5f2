// The handler and state: missing specs, present-but-empty values, batches, mutations.

#include <chrono>
#include <string>
#include <vector>

#include "handler_test_support.hpp"

namespace statefun::handler_test {
namespace {

using std::chrono::milliseconds;

TEST(Handler, MissingStateListsEverySpecInOrderAndRunsNoCode) {
  bool ran = false;
  const auto handler = handler_running([&](Context&, const Message&) { ran = true; });
  const auto reply = handle(handler, Request().state("log", {}).invoke("a"));
  EXPECT_FALSE(ran);
  ASSERT_TRUE(reply.has_incomplete_invocation_context());
  const auto& missing = reply.incomplete_invocation_context().missing_values();
  ASSERT_EQ(missing.size(), 2);
  EXPECT_EQ(missing[0].state_name(), "count");
  EXPECT_EQ(missing[0].type_typename(), "io.statefun.types/int");
  ASSERT_TRUE(missing[0].has_expiration_spec());
  EXPECT_EQ(missing[0].expiration_spec().mode(), pb::FromFunction::ExpirationSpec::NONE);
  EXPECT_EQ(missing[0].expiration_spec().expire_after_millis(), 0);
  EXPECT_EQ(missing[1].state_name(), "flag");
  EXPECT_EQ(missing[1].type_typename(), "io.statefun.types/bool");
  EXPECT_EQ(missing[1].expiration_spec().mode(), pb::FromFunction::ExpirationSpec::AFTER_INVOKE);
  EXPECT_EQ(missing[1].expiration_spec().expire_after_millis(), 60000);
}

TEST(Handler, ExpireAfterWriteIsAnnounced) {
  const auto handler = handler_running([](Context&, const Message&) {});
  const auto reply = handle(handler, Request().state("count", {}).state("flag", {}).invoke("a"));
  const auto& missing = reply.incomplete_invocation_context().missing_values();
  ASSERT_EQ(missing.size(), 1);
  EXPECT_EQ(missing[0].state_name(), "log");
  EXPECT_EQ(missing[0].expiration_spec().mode(), pb::FromFunction::ExpirationSpec::AFTER_WRITE);
  EXPECT_EQ(missing[0].expiration_spec().expire_after_millis(), 1500);
}

TEST(Handler, PresentButEmptyStateReadsAsNoValue) {
  std::vector<bool> seen;
  const auto handler = handler_running([&](Context& c, const Message&) {
    seen = {c.storage().has(kCount), c.storage().has(kLog), c.storage().has(kFlag)};
  });
  const auto reply = handle(handler,
                            Request()
                                .state("count", {})
                                .state("log", TypedValue{"io.statefun.types/string", false, ""})
                                .state("flag", TypedValue{"io.statefun.types/bool", true, ""})
                                .invoke("a"));
  ASSERT_TRUE(reply.has_invocation_result());
  // flag has a zero value: empty bytes with has_value=true
  EXPECT_EQ(seen, (std::vector<bool>{false, false, true}));
  EXPECT_EQ(reply.invocation_result().state_mutations_size(), 0);
}

TEST(Handler, UndeclaredStateInTheRequestIsIgnored) {
  const auto handler = handler_running([](Context&, const Message&) {});
  const auto reply = handle(handler, Request().all_state_empty().state("other", {}).invoke("a"));
  EXPECT_TRUE(reply.has_invocation_result());
}

TEST(Handler, BatchRunsInOrderOverOneStorage) {
  const auto handler = handler_running([](Context& c, const Message& m) {
    const std::string log = c.storage().get(kLog).value_or("") + m.as_string();
    c.storage().set(kLog, log);
    c.send(MessageBuilder("example/sink", "s").with_value(log).build());
  });
  const auto reply =
      handle(handler, Request().all_state_empty().invoke("a").invoke("b").invoke("c"));
  const auto& result = reply.invocation_result();
  ASSERT_EQ(result.outgoing_messages_size(), 3);
  EXPECT_EQ(string_type().deserialize(result.outgoing_messages(0).argument().value()), "a");
  EXPECT_EQ(string_type().deserialize(result.outgoing_messages(1).argument().value()), "ab");
  EXPECT_EQ(string_type().deserialize(result.outgoing_messages(2).argument().value()), "abc");
  ASSERT_EQ(result.state_mutations_size(), 1);  // one mutation per name: the final value
  EXPECT_EQ(result.state_mutations(0).state_name(), "log");
  EXPECT_EQ(string_type().deserialize(result.state_mutations(0).state_value().value()), "abc");
}

TEST(Handler, MutationsOnlyForTouchedValuesInDeclarationOrder) {
  const auto handler = handler_running([](Context& c, const Message&) {
    c.storage().remove(kFlag);  // deleting an absent value still emits DELETE
    c.storage().set(kCount, *c.storage().get(kCount));  // rewriting an equal value emits MODIFY
  });
  const auto reply = handle(
      handler,
      Request()
          .state("count", TypedValue{"io.statefun.types/int", true, int_type().serialize(5)})
          .state("log", TypedValue{"io.statefun.types/string", true, string_type().serialize("x")})
          .state("flag", {})
          .invoke("a"));
  const auto& mutations = reply.invocation_result().state_mutations();
  ASSERT_EQ(mutations.size(), 2);
  EXPECT_EQ(mutations[0].state_name(), "count");
  EXPECT_EQ(mutations[0].mutation_type(), pb::FromFunction::PersistedValueMutation::MODIFY);
  EXPECT_EQ(mutations[0].state_value().typename_(), "io.statefun.types/int");
  EXPECT_TRUE(mutations[0].state_value().has_value());
  EXPECT_EQ(mutations[0].state_value().value(), std::string("\x0D\x05\0\0\0", 5));
  EXPECT_EQ(mutations[1].state_name(), "flag");
  EXPECT_EQ(mutations[1].mutation_type(), pb::FromFunction::PersistedValueMutation::DELETE);
  EXPECT_FALSE(mutations[1].has_state_value());
}

}  // namespace
}  // namespace statefun::handler_test
