// The FromFunction codec against protobuf's generated code: same reading, same bytes, same
// verdicts on damaged bytes.

#include <string>

#include <google/protobuf/stubs/logging.h>
#include <gtest/gtest.h>

#include <statefun/wire/from_function.hpp>
#include <statefun/wire/view_sources.hpp>

#include "random_messages.hpp"
#include "same_as_protobuf.hpp"

namespace statefun::wire {
namespace {

using testing::RandomMessages;
namespace pb = testing::pb;
using Kind = FromFunctionView::Kind;

using testing::expect_same;

void expect_same(const FromFunctionView& view, const pb::FromFunction::InvocationResponse& r) {
  ASSERT_EQ(view.mutations.size(), static_cast<std::size_t>(r.state_mutations_size()));
  for (int i = 0; i < r.state_mutations_size(); ++i) {
    const auto& m = r.state_mutations(i);
    EXPECT_EQ(view.mutations[i].mutation_type, m.mutation_type());
    EXPECT_EQ(view.mutations[i].name, m.state_name());
    expect_same(view.mutations[i].value, m.has_state_value(), m.state_value());
  }
  ASSERT_EQ(view.messages.size(), static_cast<std::size_t>(r.outgoing_messages_size()));
  for (int i = 0; i < r.outgoing_messages_size(); ++i) {
    const auto& m = r.outgoing_messages(i);
    expect_same(view.messages[i].target, m.has_target(), m.target());
    expect_same(view.messages[i].argument, m.has_argument(), m.argument());
  }
  ASSERT_EQ(view.delayed.size(), static_cast<std::size_t>(r.delayed_invocations_size()));
  for (int i = 0; i < r.delayed_invocations_size(); ++i) {
    const auto& d = r.delayed_invocations(i);
    EXPECT_EQ(view.delayed[i].delay_ms, d.delay_in_ms());
    EXPECT_EQ(view.delayed[i].is_cancellation, d.is_cancellation_request());
    EXPECT_EQ(view.delayed[i].cancellation_token, d.cancellation_token());
    expect_same(view.delayed[i].target, d.has_target(), d.target());
    expect_same(view.delayed[i].argument, d.has_argument(), d.argument());
  }
  ASSERT_EQ(view.egress.size(), static_cast<std::size_t>(r.outgoing_egresses_size()));
  for (int i = 0; i < r.outgoing_egresses_size(); ++i) {
    const auto& e = r.outgoing_egresses(i);
    EXPECT_EQ(view.egress[i].egress_namespace, e.egress_namespace());
    EXPECT_EQ(view.egress[i].egress_type, e.egress_type());
    expect_same(view.egress[i].argument, e.has_argument(), e.argument());
  }
}

void expect_same(const FromFunctionView& view,
                 const pb::FromFunction::IncompleteInvocationContext& c) {
  ASSERT_EQ(view.missing_values.size(), static_cast<std::size_t>(c.missing_values_size()));
  for (int i = 0; i < c.missing_values_size(); ++i) {
    const auto& m = c.missing_values(i);
    EXPECT_EQ(view.missing_values[i].name, m.state_name());
    EXPECT_EQ(view.missing_values[i].type_name, m.type_typename());
    EXPECT_EQ(view.missing_values[i].expiration.present, m.has_expiration_spec());
    EXPECT_EQ(view.missing_values[i].expiration.mode, m.expiration_spec().mode());
    EXPECT_EQ(view.missing_values[i].expiration.expire_after_ms,
              m.expiration_spec().expire_after_millis());
  }
}

void expect_same(const FromFunctionView& view, const pb::FromFunction& from) {
  if (from.has_invocation_result()) {
    ASSERT_EQ(view.kind, Kind::invocation_result);
    expect_same(view, from.invocation_result());
  } else if (from.has_incomplete_invocation_context()) {
    ASSERT_EQ(view.kind, Kind::incomplete_invocation_context);
    expect_same(view, from.incomplete_invocation_context());
  } else {
    ASSERT_EQ(view.kind, Kind::empty);
  }
}

TEST(FromFunctionReader, ReadsWhatProtobufWrites) {
  RandomMessages random(1);
  FromFunctionView view;
  for (int i = 0; i < 3000; ++i) {
    const pb::FromFunction from = random.response();
    const std::string bytes = from.SerializeAsString();  // the views point into it
    ASSERT_TRUE(parse_from_function(bytes, view));
    EXPECT_EQ(view.unknown_fields, 0U);
    expect_same(view, from);
  }
}

TEST(FromFunctionWriter, WritesTheBytesProtobufWrites) {
  RandomMessages random(3);
  FromFunctionView view;
  int written_results = 0;
  int written_contexts = 0;
  for (int i = 0; i < 3000; ++i) {
    const pb::FromFunction from = random.response();
    const std::string expected = from.SerializeAsString();
    ASSERT_TRUE(parse_from_function(expected, view));
    std::string written = "prefix";
    if (view.kind == Kind::invocation_result) {
      append_invocation_result(written, FromFunctionViewSource{view});
      ++written_results;
    } else if (view.kind == Kind::incomplete_invocation_context) {
      append_incomplete_invocation_context(written, FromFunctionViewSource{view});
      ++written_contexts;
    }
    ASSERT_EQ(written, "prefix" + expected);
  }
  EXPECT_GT(written_results, 1000);
  EXPECT_GT(written_contexts, 300);
}

TEST(FromFunctionReader, AcceptsAndRejectsWhatProtobufDoes) {
  RandomMessages random(2);
  FromFunctionView view;
  int rejected = 0;
  const google::protobuf::LogSilencer quiet;  // protobuf logs every invalid UTF-8 string
  for (int i = 0; i < 20000; ++i) {
    const std::string bytes = testing::mutated(random, random.response().SerializeAsString());
    pb::FromFunction from;
    const bool protobuf_accepts = from.ParseFromString(bytes);
    ASSERT_EQ(parse_from_function(bytes, view), protobuf_accepts)
        << ::testing::PrintToString(bytes);
    if (protobuf_accepts) {
      expect_same(view, from);  // and reads the same
    }
    rejected += protobuf_accepts ? 0 : 1;
  }
  EXPECT_GT(rejected, 1000);  // the corpus exercises both outcomes
}

TEST(FromFunctionReader, TheLastOneofMemberWinsAndClearsTheOther) {
  pb::FromFunction result;
  pb::FromFunction context;
  pb::FromFunction result_again;
  result.mutable_invocation_result()->add_outgoing_messages();
  context.mutable_incomplete_invocation_context()->add_missing_values()->set_state_name("a");
  result_again.mutable_invocation_result()->add_state_mutations()->set_state_name("b");
  const std::string bytes =
      result.SerializeAsString() + context.SerializeAsString() + result_again.SerializeAsString();
  pb::FromFunction oracle;
  ASSERT_TRUE(oracle.ParseFromString(bytes));
  FromFunctionView view;
  ASSERT_TRUE(parse_from_function(bytes, view));
  ASSERT_EQ(view.kind, Kind::invocation_result);
  expect_same(view, oracle.invocation_result());
  EXPECT_TRUE(view.messages.empty());
  EXPECT_TRUE(view.missing_values.empty());
}

TEST(FromFunctionReader, MergesRepeatedResultsLikeProtobuf) {
  pb::FromFunction first;
  pb::FromFunction second;
  first.mutable_invocation_result()->add_outgoing_messages();
  second.mutable_invocation_result()->add_outgoing_egresses();
  const std::string bytes = first.SerializeAsString() + second.SerializeAsString();
  FromFunctionView view;
  ASSERT_TRUE(parse_from_function(bytes, view));
  EXPECT_EQ(view.messages.size(), 1U);
  EXPECT_EQ(view.egress.size(), 1U);
}

TEST(FromFunctionReader, EmptyBytesAreAnEmptyAnswer) {
  FromFunctionView view;
  view.kind = Kind::invocation_result;
  view.messages.emplace_back();
  ASSERT_TRUE(parse_from_function("", view));
  EXPECT_EQ(view.kind, Kind::empty);
  EXPECT_TRUE(view.messages.empty());
}

TEST(FromFunctionReader, CountsUnknownFields) {
  pb::ToFunction to;  // a request read as an answer: the target's namespace does not fit
  to.mutable_invocation()->mutable_target()->set_namespace_("example");
  FromFunctionView view;
  ASSERT_TRUE(parse_from_function(to.SerializeAsString(), view));
  EXPECT_GT(view.unknown_fields, 0U);
}

}  // namespace
}  // namespace statefun::wire
