// The handler: callers, delayed messages, egress, and every kind of failure.

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

#include "handler_test_support.hpp"

namespace statefun::handler_test {
namespace {

using std::chrono::milliseconds;
using testing::HasSubstr;

TEST(Handler, CallerIsSetPerInvocation) {
  std::vector<std::string> callers;
  const auto handler = handler_running([&](Context& c, const Message& m) {
    callers.push_back(c.caller() ? c.caller()->str() : "none");
    EXPECT_EQ(m.target(), Address("example/fn", "id1"));
    EXPECT_EQ(c.self(), Address("example/fn", "id1"));
  });
  Request request;
  request.all_state_empty().invoke("a", Address("example/other", "x")).invoke("b");
  request.invoke("c");
  request.proto().mutable_invocation()->mutable_invocations(2)->mutable_caller();  // all empty
  handle(handler, request);
  EXPECT_EQ(callers, (std::vector<std::string>{"example/other/x", "none", "none"}));
}

TEST(Handler, DelayedMessagesAndCancellations) {
  const auto handler = handler_running([](Context& c, const Message&) {
    c.send_after(milliseconds(1500), MessageBuilder("example/t", "1").with_value(1).build());
    c.send_after(milliseconds(0), MessageBuilder("example/t", "2").with_value(2).build(), "tok");
    c.cancel_delayed_message("tok");
  });
  const auto reply = handle(handler, Request().all_state_empty().invoke("a"));
  const auto& delayed = reply.invocation_result().delayed_invocations();
  ASSERT_EQ(delayed.size(), 3);
  EXPECT_EQ(delayed[0].delay_in_ms(), 1500);
  EXPECT_EQ(delayed[0].target().id(), "1");
  EXPECT_FALSE(delayed[0].is_cancellation_request());
  EXPECT_EQ(delayed[0].cancellation_token(), "");
  EXPECT_EQ(delayed[1].cancellation_token(), "tok");
  EXPECT_EQ(delayed[1].argument().value(), int_type().serialize(2));
  EXPECT_TRUE(delayed[2].is_cancellation_request());
  EXPECT_EQ(delayed[2].cancellation_token(), "tok");
  EXPECT_FALSE(delayed[2].has_target());
  EXPECT_FALSE(delayed[2].has_argument());
}

TEST(Handler, InvalidDelayedCallsFailTheBatch) {
  const auto negative = handler_running([](Context& c, const Message&) {
    c.send_after(milliseconds(-1), MessageBuilder("example/t", "1").with_value(1).build());
  });
  std::string what;
  EXPECT_EQ(error_of(negative, Request().all_state_empty().invoke("a").bytes(), &what),
            errc::function_failed);
  EXPECT_THAT(what, HasSubstr("negative"));
  const auto empty_token =
      handler_running([](Context& c, const Message&) { c.cancel_delayed_message(""); });
  EXPECT_EQ(error_of(empty_token, Request().all_state_empty().invoke("a").bytes(), &what),
            errc::function_failed);
}

TEST(Handler, EgressOfEveryKind) {
  const auto handler = handler_running([](Context& c, const Message&) {
    c.send_egress(KafkaEgressBuilder("example/kafka").with_topic("t").with_value("k").build());
    c.send_egress(KinesisEgressBuilder("example/kinesis")
                      .with_stream("s")
                      .with_partition_key("p")
                      .with_value("v")
                      .build());
    c.send_egress(EgressMessageBuilder("io.statefun.playground/egress").with_value("x").build());
  });
  const auto reply = handle(handler, Request().all_state_empty().invoke("a"));
  const auto& egress = reply.invocation_result().outgoing_egresses();
  ASSERT_EQ(egress.size(), 3);
  EXPECT_EQ(egress[0].egress_namespace(), "example");
  EXPECT_EQ(egress[0].egress_type(), "kafka");
  EXPECT_EQ(egress[0].argument().typename_(),
            "type.googleapis.com/io.statefun.sdk.egress.KafkaProducerRecord");
  EXPECT_EQ(egress[1].argument().typename_(),
            "type.googleapis.com/io.statefun.sdk.egress.KinesisEgressRecord");
  EXPECT_EQ(egress[2].egress_namespace(), "io.statefun.playground");
  EXPECT_EQ(egress[2].egress_type(), "egress");
  EXPECT_TRUE(egress[2].argument().has_value());
}

TEST(Handler, UnknownFunctionType) {
  const auto handler = handler_running([](Context&, const Message&) {});
  std::string what;
  EXPECT_EQ(
      error_of(handler, Request().target_type("example", "nobody").invoke("a").bytes(), &what),
      errc::unknown_function_type);
  EXPECT_EQ(what, "unknown function type example/nobody");
}

TEST(Handler, AThrowingFunctionFailsTheWholeBatch) {
  int calls = 0;
  const auto handler = handler_running([&](Context& c, const Message& m) {
    ++calls;
    c.send(MessageBuilder("example/t", "1").with_value(1).build());
    if (m.as_string() == "boom") {
      throw std::runtime_error("kaput");
    }
  });
  std::string what;
  EXPECT_EQ(error_of(handler,
                     Request().all_state_empty().invoke("a").invoke("boom").invoke("c").bytes(),
                     &what),
            errc::function_failed);
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(what, "function example/fn/id1 failed: kaput");
}

TEST(Handler, ARejectedMessageIsAnInvalidMessage) {
  const auto handler = handler_running([](Context&, const Message& m) { (void)m.as_int(); });
  std::string what;
  EXPECT_EQ(error_of(handler, Request().all_state_empty().invoke("a").bytes(), &what),
            errc::invalid_message);
  EXPECT_THAT(what, HasSubstr("example/fn/id1 rejected its message"));
}

TEST(Handler, MalformedBytesAreAMalformedRequest) {
  const auto handler = handler_running([](Context&, const Message&) {});
  std::string what;
  EXPECT_EQ(error_of(handler, "\xFF\xFF\xFF", &what), errc::malformed_request);
  EXPECT_THAT(what, HasSubstr("ToFunction"));
}

TEST(Handler, ARequestWithoutInvocationGetsAnEmptyReply) {
  const auto handler = handler_running([](Context&, const Message&) {});
  EXPECT_EQ(handler.handle(""), "");
}

}  // namespace
}  // namespace statefun::handler_test
