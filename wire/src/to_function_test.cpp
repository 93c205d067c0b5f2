// The ToFunction codec against protobuf's generated code: same reading, same bytes, same
// verdicts on damaged bytes.

#include <string>

#include <google/protobuf/stubs/logging.h>
#include <gtest/gtest.h>

#include <statefun/wire/to_function.hpp>
#include <statefun/wire/view_sources.hpp>

#include "random_messages.hpp"
#include "same_as_protobuf.hpp"

namespace statefun::wire {
namespace {

using testing::RandomMessages;
namespace pb = testing::pb;

using testing::expect_same;

void expect_same(const ToFunctionView& view, const pb::ToFunction& to) {
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

TEST(ToFunctionReader, ReadsWhatProtobufWrites) {
  RandomMessages random(1);
  ToFunctionView view;
  for (int i = 0; i < 2000; ++i) {
    const pb::ToFunction to = random.request();
    const std::string bytes = to.SerializeAsString();  // the views point into it
    ASSERT_TRUE(parse_to_function(bytes, view));
    EXPECT_EQ(view.unknown_fields, 0U);
    expect_same(view, to);
  }
}

TEST(ToFunctionWriter, WritesTheBytesProtobufWrites) {
  RandomMessages random(3);
  ToFunctionView view;
  for (int i = 0; i < 2000; ++i) {
    const pb::ToFunction to = random.request();
    if (!to.has_invocation()) {
      continue;  // the writer always writes a batch
    }
    const std::string expected = to.SerializeAsString();
    ASSERT_TRUE(parse_to_function(expected, view));
    std::string written = "prefix";
    append_to_function(written, ToFunctionViewSource{view});
    ASSERT_EQ(written, "prefix" + expected);
  }
}

TEST(ToFunctionReader, AcceptsAndRejectsWhatProtobufDoes) {
  RandomMessages random(2);
  ToFunctionView view;
  int rejected = 0;
  const google::protobuf::LogSilencer quiet;  // protobuf logs every invalid UTF-8 string
  for (int i = 0; i < 20000; ++i) {
    const std::string bytes = testing::mutated(random, random.request().SerializeAsString());
    pb::ToFunction to;
    const bool protobuf_accepts = to.ParseFromString(bytes);
    ASSERT_EQ(parse_to_function(bytes, view), protobuf_accepts) << ::testing::PrintToString(bytes);
    if (protobuf_accepts) {
      expect_same(view, to);  // and reads the same
    }
    rejected += protobuf_accepts ? 0 : 1;
  }
  EXPECT_GT(rejected, 1000);  // the corpus exercises both outcomes
}

TEST(ToFunctionReader, MergesRepeatedMessageFieldsLikeProtobuf) {
  pb::ToFunction first;
  pb::ToFunction second;
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

TEST(ToFunctionReader, SkipsAndCountsUnknownFieldsAndGroups) {
  pb::ToFunction to;
  to.mutable_invocation()->mutable_target()->set_type("greeter");
  // field 7 varint, field 9 group holding field 1 fixed32, then the known field 100
  const std::string unknown = std::string("\x38\x05\x4B\x0D\x01\x02\x03\x04\x4C", 9);
  ToFunctionView view;
  const std::string bytes = unknown + to.SerializeAsString();
  ASSERT_TRUE(parse_to_function(bytes, view));
  EXPECT_EQ(view.target.type, "greeter");
  EXPECT_EQ(view.unknown_fields, 2U);
  EXPECT_FALSE(parse_to_function(std::string("\x4B\x38\x05", 3), view));  // unterminated group
}

TEST(ToFunctionReader, ReadsTagsAsProtobufDoes) {
  ToFunctionView view;
  // field 7 varint with a five-byte tag whose bits beyond 32 are dropped: 0x38 | 0x7 << 32
  EXPECT_TRUE(parse_to_function(std::string("\xB8\x80\x80\x80\x70\x01", 6), view));
  EXPECT_EQ(view.unknown_fields, 1U);
  // a six-byte tag is malformed
  EXPECT_FALSE(parse_to_function(std::string("\xB8\x80\x80\x80\x80\x00\x01", 7), view));
  for (const std::string& bytes : {std::string("\xB8\x80\x80\x80\x70\x01", 6),
                                   std::string("\xB8\x80\x80\x80\x80\x00\x01", 7)}) {
    pb::ToFunction oracle;
    EXPECT_EQ(parse_to_function(bytes, view), oracle.ParseFromString(bytes));
  }
}

TEST(ToFunctionReader, ReadsLengthsAsProtobufDoes) {
  const std::string five_byte_zero("\x1A\x80\x80\x80\x80\x00", 6);  // field 3, length 0
  const std::string six_byte_zero("\x1A\x80\x80\x80\x80\x80\x00", 7);
  const std::string batch_six_byte_zero("\xA2\x06\x80\x80\x80\x80\x80\x00", 8);
  const std::string bit_31_set("\x1A\x80\x80\x80\x80\x08", 6);  // 2^31: over protobuf's limit
  ToFunctionView view;
  EXPECT_TRUE(parse_to_function(five_byte_zero, view));
  EXPECT_EQ(view.unknown_fields, 1U);
  EXPECT_FALSE(parse_to_function(six_byte_zero, view));
  EXPECT_FALSE(parse_to_function(batch_six_byte_zero, view));
  EXPECT_FALSE(parse_to_function(bit_31_set, view));
  for (const std::string& bytes :
       {five_byte_zero, six_byte_zero, batch_six_byte_zero, bit_31_set}) {
    pb::ToFunction oracle;
    EXPECT_EQ(parse_to_function(bytes, view), oracle.ParseFromString(bytes))
        << ::testing::PrintToString(bytes);
  }
}

TEST(ToFunctionReader, CountsAKnownFieldOfAnotherWireTypeAsUnknown) {
  ToFunctionView view;
  // ToFunction { invocation { target: varint 5 } }: field 1 of the batch is a message
  ASSERT_TRUE(parse_to_function(std::string("\xA2\x06\x02\x08\x05", 5), view));
  EXPECT_TRUE(view.has_batch);
  EXPECT_FALSE(view.target.present);
  EXPECT_EQ(view.unknown_fields, 1U);
}

}  // namespace
}  // namespace statefun::wire
