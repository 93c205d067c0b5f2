// The examples of the protocol's public headers, compiled and run (scripts/check-header-examples
// checks that every header example appears here, line for line).
#include <cassert>
#include <cstdint>
#include <string>

#include <gtest/gtest.h>

#include <statefun/json.hpp>
#include <statefun/protocol/json_form.hpp>
#include <statefun/protocol/json_text.hpp>
#include <statefun/protocol/request.hpp>
#include <statefun/protocol/request_spec.hpp>
#include <statefun/protocol/response.hpp>
#include <statefun/protocol/values.hpp>

namespace statefun::protocol {
namespace {

const auto greet_request_type = make_json_type("example/GreetRequest");

TEST(HeaderExamples, RequestBuilder) {
  const Address caller("example/ingress", "web");
  // As the header shows it, within the width of its comment:
  // clang-format off
  const Request request = RequestBuilder("example/greeter/George")
                              .with_invocation(greet_request_type, {{"name", "George"}})
                              .build();
  const Request person = RequestBuilder(Address("example/person", "George"))
                             .with_state("visits", int_type(), 2)
                             .with_invocation(greet_request_type, {{"name", "George"}}, caller)
                             .build();
  // clang-format on
  EXPECT_EQ(request.target, Address("example/greeter", "George"));
  EXPECT_EQ(person.state.size(), 1U);
  EXPECT_EQ(person.invocations[0].caller, caller);
}

TEST(HeaderExamples, RequestSpec) {
  RequestSpec spec;
  spec.address = "example/greeter/George";
  spec.type = "example/GreetRequest";
  spec.values = {R"({"name":"George","visits":3})"};
  spec.state = {"visits:int=2"};
  const Request request = build_request(spec);
  EXPECT_EQ(request.invocations.size(), 1U);
  EXPECT_EQ(request.state[0].name, "visits");
}

TEST(HeaderExamples, ValueAs) {
  Response response;
  response.mutations.push_back(
      {StateMutation::Kind::modify, "visits", make_typed_value(type_names::kInt, 3)});
  const std::int32_t visits = value_as(response.mutations[0].value.value(), int_type());
  EXPECT_EQ(visits, 3);
}

TEST(HeaderExamples, OneLine) {
  assert(one_line(make_typed_value("example/Greet", {{"name", "Bob"}})) == R"({"name":"Bob"})");
  assert(one_line(make_typed_value("io.statefun.types/int", 3)) == "3");
}

TEST(HeaderExamples, ParseJson) {
  // As the header shows it, within the width of its comment:
  // clang-format off
  assert(parse_json(R"({"a": [1]})")["a"][0] == 1);
  assert(parse_json(std::string(300, '[') + std::string(300, ']')).is_discarded());
  // clang-format on
  EXPECT_EQ(parse_json(R"({"a": [1]})")["a"][0], 1);
  EXPECT_TRUE(parse_json(std::string(300, '[') + std::string(300, ']')).is_discarded());
}

TEST(HeaderExamples, ReadsLosslessly) {
  // clang-format off
  assert(reads_losslessly("{\"b\": 1.10, \"a\": \"\\u00e9\"}"));
  assert(!reads_losslessly("12345678901234567890123"));
  assert(!reads_losslessly("{\"a\": 1, \"a\": 2}"));
  // clang-format on
  EXPECT_FALSE(reads_losslessly("not json"));
  EXPECT_FALSE(reads_losslessly(std::string(300, '[') + std::string(300, ']')));
  EXPECT_TRUE(reads_losslessly("[-0.0, 1e2, 0.1, 123456789012345678]"));
  // found by the json_form fuzz target: an exponent beyond 64 bits threw std::out_of_range
  EXPECT_FALSE(reads_losslessly("1e99999999999999999999"));
  EXPECT_FALSE(reads_losslessly("1e-99999999999999999999"));
}

}  // namespace
}  // namespace statefun::protocol
