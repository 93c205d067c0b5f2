// A batch's reply against protobuf's generated code: the same bytes.

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include <statefun/functions.hpp>
#include <statefun/handler.hpp>

#include "sdk/request-reply.pb.h"

namespace statefun {
namespace {

namespace pb = io::statefun::sdk::reqreply;
using std::chrono::milliseconds;

/// A request for example/fn/id with the given state names (no values) and one invocation.
std::string request_with_state(const std::vector<std::string>& names) {
  pb::ToFunction to;
  auto* batch = to.mutable_invocation();
  batch->mutable_target()->set_namespace_("example");
  batch->mutable_target()->set_type("fn");
  batch->mutable_target()->set_id("id");
  for (const std::string& name : names) {
    batch->add_state()->set_state_name(name);
  }
  batch->add_invocations()->mutable_argument()->set_typename_("io.statefun.types/int");
  return to.SerializeAsString();
}

RequestReplyHandler handler_of(std::vector<ValueSpecBase> specs, StatefulFunction function) {
  StatefulFunctions functions;
  functions.bind("example/fn", std::move(specs), std::move(function));
  return RequestReplyHandler(std::move(functions));
}

TEST(BatchReply, WritesTheBytesProtobufWrites) {
  const ValueSpec<std::int32_t> count("count", int_type());
  const ValueSpec<std::string> gone("gone", string_type());
  const ValueSpec<bool> untouched("untouched", bool_type());
  const auto handler = handler_of({count, gone, untouched}, [&](Context& c, const Message&) {
    c.send(MessageBuilder("example/greeter", "Zoë").with_value("hi").build());
    c.storage().remove(gone);
    c.send(MessageBuilder("example/greeter", "").with_value(0).build());
    c.send_after(milliseconds(1500), MessageBuilder("example/t", "1").with_value(1).build(), "tok");
    c.cancel_delayed_message("tok");
    c.send_egress(EgressMessageBuilder("io.statefun.playground/egress").with_value("x").build());
    c.storage().set(count, 3);
  });

  pb::FromFunction expected;
  auto* result = expected.mutable_invocation_result();
  auto* m0 = result->add_state_mutations();
  m0->set_mutation_type(pb::FromFunction::PersistedValueMutation::MODIFY);
  m0->set_state_name("count");
  m0->mutable_state_value()->set_typename_("io.statefun.types/int");
  m0->mutable_state_value()->set_has_value(true);
  m0->mutable_state_value()->set_value(int_type().serialize(3));
  result->add_state_mutations()->set_state_name("gone");
  for (const auto& [id, typed] :
       {std::pair<std::string, TypedValue>{
            "Zoë", {"io.statefun.types/string", true, string_type().serialize("hi")}},
        {"", {"io.statefun.types/int", true, ""}}}) {
    auto* message = result->add_outgoing_messages();
    message->mutable_target()->set_namespace_("example");
    message->mutable_target()->set_type("greeter");
    message->mutable_target()->set_id(id);
    message->mutable_argument()->set_typename_(typed.type_name);
    message->mutable_argument()->set_has_value(true);
    message->mutable_argument()->set_value(typed.value);
  }
  auto* d0 = result->add_delayed_invocations();
  d0->set_delay_in_ms(1500);
  d0->mutable_target()->set_namespace_("example");
  d0->mutable_target()->set_type("t");
  d0->mutable_target()->set_id("1");
  d0->mutable_argument()->set_typename_("io.statefun.types/int");
  d0->mutable_argument()->set_has_value(true);
  d0->mutable_argument()->set_value(int_type().serialize(1));
  d0->set_cancellation_token("tok");
  auto* d1 = result->add_delayed_invocations();
  d1->set_is_cancellation_request(true);
  d1->set_cancellation_token("tok");
  auto* egress = result->add_outgoing_egresses();
  egress->set_egress_namespace("io.statefun.playground");
  egress->set_egress_type("egress");
  egress->mutable_argument()->set_typename_("io.statefun.types/string");
  egress->mutable_argument()->set_has_value(true);
  egress->mutable_argument()->set_value(string_type().serialize("x"));

  EXPECT_EQ(handler.handle(request_with_state({"count", "gone", "untouched"})),
            expected.SerializeAsString());
}

TEST(BatchReply, AnEmptyResultIsStillAResult) {
  const auto handler = handler_of({}, [](Context&, const Message&) {});
  EXPECT_EQ(handler.handle(request_with_state({})), std::string("\xA2\x06\x00", 3));
}

TEST(BatchReply, MissingStateMatchesProtobuf) {
  const ValueSpec<std::int32_t> visits("visits", int_type());
  const ValueSpec<bool> seen("seen", bool_type(), Expiration::after_call(milliseconds(60000)));
  pb::FromFunction expected;
  auto* context = expected.mutable_incomplete_invocation_context();
  auto* v = context->add_missing_values();
  v->set_state_name("visits");
  v->set_type_typename("io.statefun.types/int");
  v->mutable_expiration_spec();  // NONE, 0: present and empty
  auto* s = context->add_missing_values();
  s->set_state_name("seen");
  s->set_type_typename("io.statefun.types/bool");
  s->mutable_expiration_spec()->set_mode(pb::FromFunction::ExpirationSpec::AFTER_INVOKE);
  s->mutable_expiration_spec()->set_expire_after_millis(60000);
  const auto handler = handler_of({visits, seen}, [](Context&, const Message&) { FAIL(); });
  EXPECT_EQ(handler.handle(request_with_state({})), expected.SerializeAsString());
}

}  // namespace
}  // namespace statefun
