// The examples of the test kit's public headers, compiled and run (scripts/check-header-examples
// checks that every header example appears here, line for line).
#undef NDEBUG  // the examples assert
#include <cassert>
#include <cstdint>
#include <string>
#include <utility>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <statefun/json.hpp>
#include <statefun/protocol/json_form.hpp>
#include <statefun/protocol/request.hpp>
#include <statefun/statefun.hpp>
#include <statefun/testkit/client.hpp>
#include <statefun/testkit/http_client.hpp>
#include <statefun/testkit/matchers.hpp>
#include <statefun/testkit/session.hpp>
#include <statefun/testkit/test_context.hpp>

namespace statefun::testkit {
namespace {

using protocol::RequestBuilder;
using protocol::Response;

const ValueSpec<std::int32_t> visits("visits", int_type());
const auto greet_request = make_json_type("example/GreetRequest");

void person(Context& context, const Message& message) {
  const auto request = message.as(greet_request);
  const std::int32_t seen = context.storage().get(visits).value_or(0) + 1;
  context.storage().set(visits, seen);
  context.send(MessageBuilder("example/greeter", request["name"])
                   .with_value(greet_request, {{"name", request["name"]}, {"visits", seen}})
                   .build());
}

StatefulFunctions person_functions() {
  StatefulFunctions functions;
  functions.bind("example/person", {visits}, person);
  return functions;
}

TEST(HeaderExamples, InProcessClient) {
  StatefulFunctions functions = person_functions();
  // As the header shows it, within the width of its comment:
  // clang-format off
  InProcessClient client(RequestReplyHandler(std::move(functions)));
  const Response r = client.call(RequestBuilder("example/person/Ann")
                                     .with_state("visits", int_type(), 1)
                                     .with_invocation(greet_request, {{"name", "Ann"}})
                                     .build());
  // clang-format on
  EXPECT_THAT(r, SetsState("visits", IntValue(2)));
}

TEST(HeaderExamples, Session) {
  InProcessClient client{RequestReplyHandler(person_functions())};
  const TypedValue greet = protocol::make_typed_value("example/GreetRequest", {{"name", "George"}});
  Session session(client);
  for (int i = 0; i < 3; ++i) {
    session.send(Address("example/person", "George"), greet);
  }
  assert(*session.value(Address("example/person", "George"), "visits") ==
         TypedValue(protocol::make_typed_value("io.statefun.types/int", 3)));
}

TEST(HeaderExamples, TestContext) {
  TestContext test(Address("example/person", "George"), {visits});
  test.set_state(visits, 2);
  test.call(person,
            MessageBuilder("example/person", "George")
                .with_value(greet_request, {{"name", "George"}})
                .build());
  EXPECT_EQ(test.state(visits), 3);
  ASSERT_EQ(test.sent_messages().size(), 1U);
  EXPECT_EQ(test.sent_messages()[0].target(), Address("example/greeter", "George"));
}

/// Compiled, not run: it needs a function service on port 8000.
[[maybe_unused]] protocol::Response call_over_http(const protocol::Request& request) {
  HttpClient client("http://127.0.0.1:8000/statefun");
  protocol::Response r = client.call(request);
  return r;
}

}  // namespace
}  // namespace statefun::testkit
