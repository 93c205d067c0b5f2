// The hand-written codec against protobuf's generated code: same reading, same bytes.
#include <random>

#include <google/protobuf/stubs/logging.h>
#include <gtest/gtest.h>

#include "codec/from_function.hpp"
#include "codec/to_function.hpp"
#include "codec/utf8.hpp"
#include "sdk/request-reply.pb.h"

namespace statefun::detail {
namespace {

namespace pb = io::statefun::sdk::reqreply;
using std::chrono::milliseconds;

class RandomMessages {
 public:
  explicit RandomMessages(unsigned seed) : rng_(seed) {}

  std::string text() {
    static const std::vector<std::string> pool = {"",
                                                  "a",
                                                  "example",
                                                  "greeter",
                                                  "George",
                                                  "Zoë ✓",
                                                  std::string(200, 'x'),
                                                  "io.statefun.types/int"};
    return pool[pick(pool.size())];
  }

  bool coin() { return pick(2) == 1; }

  void address(pb::Address& a) {
    if (coin())
      a.set_namespace_(text());
    if (coin())
      a.set_type(text());
    if (coin())
      a.set_id(text());
  }

  void value(pb::TypedValue& v) {
    if (coin())
      v.set_typename_(text());
    v.set_has_value(coin());
    if (coin())
      v.set_value(std::string("\x0D\x01\0\0\0\xFF", 6).substr(0, pick(7)));
  }

  pb::ToFunction request() {
    pb::ToFunction to;
    if (pick(10) == 0)
      return to;  // no batch
    auto* batch = to.mutable_invocation();
    if (coin())
      address(*batch->mutable_target());
    for (std::size_t i = pick(4); i > 0; --i) {
      auto* state = batch->add_state();
      if (coin())
        state->set_state_name(text());
      if (coin())
        value(*state->mutable_state_value());
    }
    for (std::size_t i = pick(4); i > 0; --i) {
      auto* invocation = batch->add_invocations();
      if (coin())
        address(*invocation->mutable_caller());
      if (coin())
        value(*invocation->mutable_argument());
    }
    return to;
  }

  std::size_t pick(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_);
  }

 private:
  std::mt19937 rng_;
};

void expect_same(const AddressView& view, bool has, const pb::Address& a) {
  EXPECT_EQ(view.present, has);
  EXPECT_EQ(view.ns, a.namespace_());
  EXPECT_EQ(view.type, a.type());
  EXPECT_EQ(view.id, a.id());
}

void expect_same(const TypedValueView& view, bool has, const pb::TypedValue& v) {
  EXPECT_EQ(view.present, has);
  EXPECT_EQ(view.type_name, v.typename_());
  EXPECT_EQ(view.has_value, v.has_value());
  EXPECT_EQ(view.value, v.value());
}

TEST(ToFunctionView, ReadsWhatProtobufWrites) {
  RandomMessages random(1);
  ToFunctionView view;
  for (int i = 0; i < 2000; ++i) {
    const pb::ToFunction to = random.request();
    const std::string bytes = to.SerializeAsString();  // the views point into it
    ASSERT_TRUE(parse_to_function(bytes, view));
    ASSERT_EQ(view.has_batch, to.has_invocation());
    const auto& batch = to.invocation();
    expect_same(view.target, batch.has_target(), batch.target());
    ASSERT_EQ(view.state.size(), static_cast<std::size_t>(batch.state_size()));
    for (int s = 0; s < batch.state_size(); ++s) {
      EXPECT_EQ(view.state[s].name, batch.state(s).state_name());
      expect_same(
          view.state[s].value, batch.state(s).has_state_value(), batch.state(s).state_value());
    }
    ASSERT_EQ(view.invocations.size(), static_cast<std::size_t>(batch.invocations_size()));
    for (int k = 0; k < batch.invocations_size(); ++k) {
      expect_same(view.invocations[k].caller,
                  batch.invocations(k).has_caller(),
                  batch.invocations(k).caller());
      expect_same(view.invocations[k].argument,
                  batch.invocations(k).has_argument(),
                  batch.invocations(k).argument());
    }
  }
}

TEST(ToFunctionView, AcceptsAndRejectsWhatProtobufDoes) {
  RandomMessages random(2);
  ToFunctionView view;
  int rejected = 0;
  const google::protobuf::LogSilencer quiet;  // protobuf logs every invalid UTF-8 string
  for (int i = 0; i < 20000; ++i) {
    std::string bytes = random.request().SerializeAsString();
    for (std::size_t flips = random.pick(3) + 1; flips > 0 && !bytes.empty(); --flips) {
      bytes[random.pick(bytes.size())] = static_cast<char>(random.pick(256));
    }
    if (random.pick(4) == 0 && !bytes.empty())
      bytes.resize(random.pick(bytes.size()));
    pb::ToFunction to;
    const bool protobuf_accepts = to.ParseFromString(bytes);
    ASSERT_EQ(parse_to_function(bytes, view), protobuf_accepts) << testing::PrintToString(bytes);
    rejected += protobuf_accepts ? 0 : 1;
  }
  EXPECT_GT(rejected, 1000);  // the corpus exercises both outcomes
}

TEST(ToFunctionView, MergesRepeatedMessageFieldsLikeProtobuf) {
  pb::ToFunction first, second;
  first.mutable_invocation()->mutable_target()->set_namespace_("example");
  second.mutable_invocation()->mutable_target()->set_id("George");
  second.mutable_invocation()->add_invocations();
  const std::string bytes = first.SerializeAsString() + second.SerializeAsString();
  ToFunctionView view;
  ASSERT_TRUE(parse_to_function(bytes, view));
  EXPECT_EQ(view.target.ns, "example");
  EXPECT_EQ(view.target.id, "George");
  EXPECT_EQ(view.invocations.size(), 1U);
}

TEST(ToFunctionView, SkipsUnknownFieldsAndGroups) {
  pb::ToFunction to;
  to.mutable_invocation()->mutable_target()->set_type("greeter");
  // field 7 varint, field 9 group holding field 1 fixed32, then the known field 100
  const std::string unknown = std::string("\x38\x05\x4B\x0D\x01\x02\x03\x04\x4C", 9);
  ToFunctionView view;
  const std::string bytes = unknown + to.SerializeAsString();
  ASSERT_TRUE(parse_to_function(bytes, view));
  EXPECT_EQ(view.target.type, "greeter");
  EXPECT_FALSE(parse_to_function(std::string("\x4B\x38\x05", 3), view));  // unterminated group
}

TEST(Utf8, FollowsTheStandard) {
  EXPECT_TRUE(is_valid_utf8("Zoë ✓ 😀"));
  EXPECT_FALSE(is_valid_utf8("\xC3"));
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));
}

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
