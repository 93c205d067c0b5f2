
#include <cstdint>

#include <gtest/gtest.h>

#include <statefun/error.hpp>
#include <statefun/functions.hpp>

namespace statefun {
namespace {

void noop(Context& /*unused*/, const Message& /*unused*/) {}

TEST(StatefulFunctions, FindsBoundFunctions) {
  StatefulFunctions functions;
  functions.bind("example/person", {ValueSpec<std::int32_t>("visits", int_type())}, noop);
  functions.bind("example/greeter", {}, noop);
  const StatefulFunctionSpec* person = functions.find("example", "person");
  ASSERT_NE(person, nullptr);
  EXPECT_EQ(person->type.str(), "example/person");
  ASSERT_EQ(person->value_specs.size(), 1U);
  EXPECT_EQ(person->value_specs[0].name(), "visits");
  EXPECT_EQ(functions.find("example", "nobody"), nullptr);
  EXPECT_EQ(functions.find("other", "person"), nullptr);
  EXPECT_EQ(functions.all().size(), 2U);
}

TEST(StatefulFunctions, RejectsDuplicatesAndEmptyFunctions) {
  StatefulFunctions functions;
  functions.bind("example/a", {}, noop);
  EXPECT_THROW(functions.bind("example/a", {}, noop), Error);
  EXPECT_THROW(functions.bind("example/b", {}, StatefulFunction{}), Error);
  try {
    functions.bind("example/c",
                   {ValueSpec<bool>("x", bool_type()), ValueSpec<std::int32_t>("x", int_type())},
                   noop);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), errc::invalid_value_spec);
  }
}

}  // namespace
}  // namespace statefun
