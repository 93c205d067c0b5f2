// Storage as a function sees it, through the handler: seeded values, writes, removals, errors.

#include <cstdint>
#include <optional>

#include "handler_test_support.hpp"

namespace statefun::handler_test {
namespace {

const TypedValue kFour{"io.statefun.types/int", true, int_type().serialize(4)};

/// The code of the statefun::Error `step` throws.
template <typename Step>
errc error_code_of(Step step) {
  try {
    step();
  } catch (const Error& e) {
    return static_cast<errc>(e.code().value());
  }
  ADD_FAILURE() << "no error";
  return errc{};
}

TEST(Storage, ReadsSeededValues) {
  const auto handler = handler_running([](Context& c, const Message&) {
    EXPECT_EQ(c.storage().get(kCount), 4);
    EXPECT_EQ(c.storage().get(kLog), std::nullopt);
    EXPECT_TRUE(c.storage().has(kCount));
    EXPECT_FALSE(c.storage().has(kLog));
  });
  const auto reply = handle(
      handler, Request().state("count", kFour).state("log", {}).state("flag", {}).invoke("a"));
  EXPECT_EQ(reply.invocation_result().state_mutations_size(), 0);  // nothing was written
}

TEST(Storage, WritesAreVisibleAndOnlyTheyBecomeMutations) {
  const auto handler = handler_running([](Context& c, const Message&) {
    c.storage().set(kCount, 9);
    EXPECT_EQ(c.storage().get(kCount), 9);
  });
  const auto reply = handle(handler, Request().all_state_empty().invoke("a"));
  const auto& mutations = reply.invocation_result().state_mutations();
  ASSERT_EQ(mutations.size(), 1);
  EXPECT_EQ(mutations[0].state_name(), "count");
  EXPECT_EQ(mutations[0].state_value().value(), int_type().serialize(9));
}

TEST(Storage, RemoveClearsAndIsSentEvenWithoutAValue) {
  const auto handler = handler_running([](Context& c, const Message&) {
    c.storage().remove(kLog);
    EXPECT_EQ(c.storage().get(kLog), std::nullopt);
  });
  const auto reply = handle(handler, Request().all_state_empty().invoke("a"));
  const auto& mutations = reply.invocation_result().state_mutations();
  ASSERT_EQ(mutations.size(), 1);
  EXPECT_EQ(mutations[0].state_name(), "log");
  EXPECT_EQ(mutations[0].mutation_type(), pb::FromFunction::PersistedValueMutation::DELETE);
  EXPECT_FALSE(mutations[0].has_state_value());
}

TEST(Storage, UndeclaredStateIsAnError) {
  const ValueSpec<bool> other("other", bool_type());
  const auto handler = handler_running([&](Context& c, const Message&) {
    EXPECT_EQ(error_code_of([&] { (void)c.storage().get(other); }), errc::undeclared_state);
    EXPECT_EQ(error_code_of([&] { c.storage().set(other, true); }), errc::undeclared_state);
  });
  handle(handler, Request().all_state_empty().invoke("a"));
}

TEST(Storage, SameNameWithAnotherTypeIsATypeMismatch) {
  const ValueSpec<std::int64_t> count_as_long("count", long_type());
  const auto handler = handler_running([&](Context& c, const Message&) {
    EXPECT_EQ(error_code_of([&] { c.storage().set(count_as_long, std::int64_t{1}); }),
              errc::type_mismatch);
  });
  handle(handler, Request().all_state_empty().invoke("a"));
}

TEST(Storage, AValueOfAnotherTypeCannotBeReadButCanBeOverwritten) {
  const auto handler = handler_running([](Context& c, const Message&) {
    EXPECT_EQ(error_code_of([&] { (void)c.storage().get(kCount); }), errc::type_mismatch);
    EXPECT_EQ(error_code_of([&] { (void)c.storage().has(kCount); }), errc::type_mismatch);
    c.storage().set(kCount, 1);
    EXPECT_EQ(c.storage().get(kCount), 1);
  });
  const TypedValue text{"io.statefun.types/string", true, string_type().serialize("x")};
  const auto reply = handle(
      handler, Request().state("count", text).state("log", {}).state("flag", {}).invoke("a"));
  ASSERT_EQ(reply.invocation_result().state_mutations_size(), 1);
  EXPECT_EQ(reply.invocation_result().state_mutations(0).state_value().typename_(),
            "io.statefun.types/int");
}

}  // namespace
}  // namespace statefun::handler_test
