// A batch's reply against protobuf's generated code: the same bytes.
#include "batch_reply.hpp"

#include <gtest/gtest.h>

#include "sdk/request-reply.pb.h"

namespace statefun::detail {
namespace {

namespace pb = io::statefun::sdk::reqreply;
using std::chrono::milliseconds;

TEST(FromFunctionWriter, WritesTheBytesProtobufWrites) {
  const ValueSpec<std::int32_t> count("count", int_type());
  const ValueSpec<std::string> gone("gone", string_type());
  std::vector<StateCell> cells(2);
  cells[0] = {&count, true, true, int_type().serialize(3), ""};
  cells[1] = {&gone, false, true, "", ""};
  const Storage storage(std::move(cells));
  Effects effects;
  effects.messages.push_back(MessageBuilder("example/greeter", "Zoë").with_value("hi").build());
  effects.messages.push_back(MessageBuilder("example/greeter", "").with_value(0).build());
  effects.delayed.push_back(
      {milliseconds(1500), MessageBuilder("example/t", "1").with_value(1).build(), "tok", false});
  effects.delayed.push_back({milliseconds(0), std::nullopt, "tok", true});
  effects.egress.push_back(
      EgressMessageBuilder("io.statefun.playground/egress").with_value("x").build());

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

  EXPECT_EQ(write_invocation_result(effects, storage), expected.SerializeAsString());
}

TEST(FromFunctionWriter, AnEmptyResultIsStillAResult) {
  const Storage storage({});
  EXPECT_EQ(write_invocation_result(Effects{}, storage), std::string("\xA2\x06\x00", 3));
}

TEST(FromFunctionWriter, MissingStateMatchesProtobuf) {
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
  EXPECT_EQ(write_missing_state({&visits, &seen}), expected.SerializeAsString());
}

}  // namespace
}  // namespace statefun::detail
