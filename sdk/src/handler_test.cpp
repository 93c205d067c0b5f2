#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <statefun/error.hpp>
#include <statefun/handler.hpp>

#include "sdk/request-reply.pb.h"

namespace statefun {
namespace {

namespace pb = io::statefun::sdk::reqreply;
using std::chrono::milliseconds;
using testing::HasSubstr;

const ValueSpec<std::int32_t> kCount("count", int_type());
const ValueSpec<std::string> kLog("log",
                                  string_type(),
                                  Expiration::after_write(milliseconds(1500)));
const ValueSpec<bool> kFlag("flag", bool_type(), Expiration::after_call(milliseconds(60000)));

/// A ToFunction for example/fn/<id> built field by field, as the runtime would send it.
class Request {
 public:
  explicit Request(std::string id = "id1") {
    auto* target = proto_.mutable_invocation()->mutable_target();
    target->set_namespace_("example");
    target->set_type("fn");
    target->set_id(std::move(id));
  }

  Request& target_type(std::string ns, std::string type) {
    proto_.mutable_invocation()->mutable_target()->set_namespace_(std::move(ns));
    proto_.mutable_invocation()->mutable_target()->set_type(std::move(type));
    return *this;
  }

  Request& state(const std::string& name, const std::optional<TypedValue>& value) {
    auto* state = proto_.mutable_invocation()->add_state();
    state->set_state_name(name);
    if (value) {
      state->mutable_state_value()->set_typename_(value->type_name);
      state->mutable_state_value()->set_has_value(value->has_value);
      state->mutable_state_value()->set_value(value->value);
    }
    return *this;
  }

  Request& all_state_empty() { return state("count", {}).state("log", {}).state("flag", {}); }

  Request& invoke(const std::string& text, const std::optional<Address>& caller = {}) {
    auto* invocation = proto_.mutable_invocation()->add_invocations();
    invocation->mutable_argument()->set_typename_("io.statefun.types/string");
    invocation->mutable_argument()->set_has_value(true);
    invocation->mutable_argument()->set_value(string_type().serialize(text));
    if (caller) {
      invocation->mutable_caller()->set_namespace_(std::string(caller->type.ns()));
      invocation->mutable_caller()->set_type(std::string(caller->type.name()));
      invocation->mutable_caller()->set_id(caller->id);
    }
    return *this;
  }

  std::string bytes() const { return proto_.SerializeAsString(); }

  pb::ToFunction& proto() { return proto_; }

 private:
  pb::ToFunction proto_;
};

/// A handler whose example/fn runs `body`.
RequestReplyHandler handler_running(StatefulFunction body) {
  StatefulFunctions functions;
  functions.bind("example/fn", {kCount, kLog, kFlag}, std::move(body));
  return RequestReplyHandler(std::move(functions));
}

pb::FromFunction handle(const RequestReplyHandler& handler, const Request& request) {
  pb::FromFunction reply;
  EXPECT_TRUE(reply.ParseFromString(handler.handle(request.bytes())));
  return reply;
}

errc error_of(const RequestReplyHandler& handler, std::string_view bytes, std::string* what) {
  try {
    handler.handle(bytes);
  } catch (const Error& e) {
    *what = e.what();
    return static_cast<errc>(e.code().value());
  }
  ADD_FAILURE() << "no error";
  return errc{};
}

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
}  // namespace statefun
