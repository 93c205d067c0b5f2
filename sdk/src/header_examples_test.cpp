// The examples of the SDK's public headers, compiled and run (scripts/check-header-examples
// checks that every header example appears here, line for line).
#undef NDEBUG  // the examples assert
#include <cassert>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include <statefun/clock.hpp>
#include <statefun/json.hpp>
#include <statefun/protobuf.hpp>
#include <statefun/statefun.hpp>

#include "io/kafka-egress.pb.h"
#include "sdk/request-reply.pb.h"

namespace shop {
using Order = io::statefun::sdk::egress::KafkaProducerRecord;  // any protobuf message class
}  // namespace shop

// json.hpp
namespace statefun::json_example {
struct GreetRequest {
  std::string name;
  int visits = 0;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(GreetRequest, name, visits)
const auto greet_request_type = make_json_type<GreetRequest>("example/GreetRequest");
}  // namespace statefun::json_example

// message.hpp, the builder: `visits` is a number here, not a state.
namespace statefun::message_example {

using json_example::greet_request_type;
using json_example::GreetRequest;

void send(Context& context, const std::string& name, int visits) {
  context.send(MessageBuilder("example/greeter", name)
                   .with_value(greet_request_type, GreetRequest{name, visits})
                   .build());
  context.send(MessageBuilder(Address("example/counter", "a")).with_value(42).build());
  context.send(MessageBuilder("example/counter", "b").with_value(42LL).build());  // a long
}

}  // namespace statefun::message_example

namespace statefun {
namespace {

namespace pb = io::statefun::sdk::reqreply;
using json_example::greet_request_type;
using json_example::GreetRequest;

// value_spec.hpp
const ValueSpec<std::int32_t> visits("visits", int_type());
const ValueSpec<std::string> last_seen("last_seen",
                                       string_type(),
                                       Expiration::after_call(std::chrono::hours(24)));

// context.hpp
// As the header shows it, within the width of its comment:
// clang-format off
void remind(Context& context, const Message& message) {
  const std::int32_t seen = context.storage().get(visits).value_or(0) + 1;
  context.storage().set(visits, seen);
  context.send(MessageBuilder("example/greeter", context.self().id).with_value(seen).build());
  context.send_after(std::chrono::seconds(5),
                     MessageBuilder("example/reminder", context.self().id)
                         .with_value(message.as_string())
                         .build(),
                     "reminder-" + context.self().id);
}

// clang-format on

// storage.hpp
void count(Context& context, const Message& /*message*/) {
  const std::int32_t seen = context.storage().get(visits).value_or(0) + 1;
  context.storage().set(visits, seen);
  context.storage().remove(last_seen);
}

// message.hpp
void read(Context& /*context*/, const Message& message) {
  if (message.is(greet_request_type)) {
    std::cout << "hello " << message.as(greet_request_type).name << "\n";
  } else {
    std::cout << message.as_int() << "\n";  // throws unless the value is an int
  }
}

// egress.hpp
struct Record {
  std::string topic;
  std::string payload;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Record, topic, payload)
const auto egress_record_type = make_json_type<Record>("io.statefun.playground/EgressRecord");

void egress(Context& context, const std::string& name, const std::string& greeting) {
  context.send_egress(EgressMessageBuilder("io.statefun.playground/egress")
                          .with_value(egress_record_type, {"greetings", greeting})
                          .build());
  context.send_egress(KafkaEgressBuilder("example/kafka-egress")
                          .with_topic("greetings")
                          .with_key(name)
                          .with_value(greeting)
                          .build());
  context.send_egress(KinesisEgressBuilder("example/kinesis-egress")
                          .with_stream("greetings")
                          .with_partition_key(name)
                          .with_value(greeting)
                          .build());
}

// functions.hpp
void person(Context& context, const Message& message) {
  count(context, message);
}

void greeter(Context& context, const Message& /*message*/) {
  egress(context, context.self().id, "Hello " + context.self().id);
}

StatefulFunctions registry() {
  StatefulFunctions functions;
  functions.bind("example/person", {visits}, person);
  functions.bind("example/greeter", {}, greeter);
  return functions;
}

// types.hpp
struct Point {
  int x = 0;
  int y = 0;
};

std::string encode(const Point& p) {
  return std::to_string(p.x) + "," + std::to_string(p.y);
}

Point decode(std::string_view bytes) {
  const auto comma = bytes.find(',');
  return {std::stoi(std::string(bytes.substr(0, comma))),
          std::stoi(std::string(bytes.substr(comma + 1)))};
}

/// A request to example/<type>/George with `argument` and every state of `specs` (no values).
std::string request_for(const std::string& type,
                        const std::vector<std::string>& state,
                        const TypedValue& argument) {
  pb::ToFunction to;
  auto* batch = to.mutable_invocation();
  batch->mutable_target()->set_namespace_("example");
  batch->mutable_target()->set_type(type);
  batch->mutable_target()->set_id("George");
  for (const std::string& name : state) {
    batch->add_state()->set_state_name(name);
  }
  auto* value = batch->add_invocations()->mutable_argument();
  value->set_typename_(argument.type_name);
  value->set_has_value(argument.has_value);
  value->set_value(argument.value);
  return to.SerializeAsString();
}

/// The answer of `function`, bound as example/fn with `specs`, to one message.
pb::FromFunction run(const StatefulFunction& function,
                     const std::vector<ValueSpecBase>& specs,
                     const TypedValue& argument) {
  StatefulFunctions functions;
  functions.bind("example/fn", specs, function);
  std::vector<std::string> names;
  names.reserve(specs.size());
  for (const ValueSpecBase& spec : specs) {
    names.push_back(spec.name());
  }
  pb::FromFunction reply;
  EXPECT_TRUE(reply.ParseFromString(
      RequestReplyHandler(std::move(functions)).handle(request_for("fn", names, argument))));
  return reply;
}

const TypedValue kText{"io.statefun.types/string", true, string_type().serialize("hi")};

TEST(HeaderExamples, AnAddressAndATypeName) {
  Address george("example/greeter", "George");
  assert(george.str() == "example/greeter/George");
  assert(Address::parse("example/greeter/George") == george);
  TypeName greeter("example/greeter");
  assert(greeter.ns() == "example" && greeter.name() == "greeter");
}

TEST(HeaderExamples, Errors) {
  assert(http_status(errc::invalid_message) == 422);
  try {
    TypeName::parse("no-slash");
  } catch (const statefun::Error& e) {
    assert(e.code() == statefun::errc::invalid_type_name);
  }
}

TEST(HeaderExamples, Types) {
  Type<Point> point_type(
      "example/Point",
      [](const Point& p) { return encode(p); },
      [](std::string_view bytes) { return decode(bytes); });
  EXPECT_EQ(point_type.deserialize(point_type.serialize({3, 4})).y, 4);
  static_assert(std::is_same_v<decltype(builtin_type<float>()), const Type<float>&>);
  assert(to_builtin_number(42U) == std::int64_t{42});
  const auto order_type = make_protobuf_type<shop::Order>();
  EXPECT_EQ(order_type.type_name().ns(), "type.googleapis.com");
}

TEST(HeaderExamples, Clocks) {
  auto clock = std::make_shared<ManualClock>();
  ServerOptions options{.idle_timeout = std::chrono::seconds(60), .clock = clock};
  clock->advance(std::chrono::seconds(60));  // idle connections close now
  EXPECT_EQ(options.clock, clock);
}

TEST(HeaderExamples, AManualClock) {
  ManualClock clock;
  const auto start = clock.now();
  clock.advance(std::chrono::milliseconds(250));
  assert(clock.now() - start == std::chrono::milliseconds(250));
}

TEST(HeaderExamples, TheContextsFunctionsRun) {
  const pb::FromFunction reminded = run(remind, {visits}, kText);
  EXPECT_EQ(reminded.invocation_result().outgoing_messages_size(), 1);
  EXPECT_EQ(reminded.invocation_result().delayed_invocations(0).cancellation_token(),
            "reminder-George");
  const pb::FromFunction counted = run(count, {visits, last_seen}, kText);
  EXPECT_EQ(counted.invocation_result().state_mutations_size(), 2);
  const TypedValue one{"io.statefun.types/int", true, int_type().serialize(1)};
  EXPECT_TRUE(run(read, {}, one).has_invocation_result());
  const pb::FromFunction sent =
      run([](Context& c, const Message&) { message_example::send(c, "George", 3); }, {}, one);
  EXPECT_EQ(sent.invocation_result().outgoing_messages_size(), 3);
}

TEST(HeaderExamples, FunctionsAndTheHandler) {
  StatefulFunctions functions = registry();
  const std::string request_bytes = request_for("greeter", {}, kText);
  RequestReplyHandler handler(std::move(functions));
  std::string reply = handler.handle(request_bytes);
  pb::FromFunction answer;
  ASSERT_TRUE(answer.ParseFromString(reply));
  EXPECT_EQ(answer.invocation_result().outgoing_egresses_size(), 3);
}

/// Compiled, not run: it serves until a signal.
[[maybe_unused]] void serve(StatefulFunctions functions) {
  statefun::Server server(statefun::RequestReplyHandler(std::move(functions)),
                          {.port = 8000, .handle_signals = true});
  server.run();  // until SIGINT or SIGTERM
}

}  // namespace
}  // namespace statefun
