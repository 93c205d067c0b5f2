// Uses the installed test kit as a function's unit test would: TestContext and matchers.

#include <cstdint>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <statefun/statefun.hpp>
#include <statefun/testkit/matchers.hpp>
#include <statefun/testkit/test_context.hpp>

namespace {

const statefun::ValueSpec<std::int32_t> kSeen("seen", statefun::int_type());

void counter(statefun::Context& context, const statefun::Message& message) {
  const std::int32_t seen = context.storage().get(kSeen).value_or(0) + message.as_int();
  context.storage().set(kSeen, seen);
  context.send(statefun::MessageBuilder("example/sink", "s").with_value(seen).build());
}

TEST(InstalledTestKit, CallsAFunctionDirectly) {
  statefun::testkit::TestContext test(statefun::Address("example/counter", "a"), {kSeen});
  test.set_state(kSeen, 40);
  test.call(counter, statefun::MessageBuilder("example/counter", "a").with_value(2).build());
  EXPECT_EQ(test.state(kSeen), 42);
  ASSERT_EQ(test.sent_messages().size(), 1U);
  EXPECT_THAT(test.sent_messages()[0].typed_value(), statefun::testkit::IntValue(42));
  std::printf("seen = %d\n", *test.state(kSeen));
}

}  // namespace
