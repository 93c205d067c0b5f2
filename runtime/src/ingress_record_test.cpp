// Records on Kafka topics and Kinesis streams become messages as the routable ingresses make
// them: one per target type, the key as the id, the topic's valueType as the typename.
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <statefun/runtime/ingress_record.hpp>

namespace statefun::runtime {
namespace {

const Module& module() {
  static const Module m = parse_module(R"(kind: io.statefun.kafka.v1/ingress
spec:
  id: example/names
  address: kafka:9092
  topics:
    - topic: names
      valueType: example/GreetRequest
      targets: [example/person, example/audit]
---
kind: io.statefun.kinesis.v1/ingress
spec:
  id: example/clicks
  awsRegion:
    type: specific
    id: us-west-1
  streams:
    - stream: clicks
      valueType: example/Click
      targets: [example/counter]
)",
                                       "module.yaml");
  return m;
}

TEST(IngressRecord, GoesToEveryTargetOfItsTopicWithTheKeyAsTheId) {
  const std::vector<IngressMessage> messages =
      route_record(module(), "names", "Bob", R"({"name":"Bob"})", "send.jsonl:1");
  ASSERT_EQ(messages.size(), 2U);
  EXPECT_EQ(messages[0].target, Address("example/person", "Bob"));
  EXPECT_EQ(messages[1].target, Address("example/audit", "Bob"));
  for (const IngressMessage& message : messages) {
    EXPECT_EQ(message.argument, (TypedValue{"example/GreetRequest", true, R"({"name":"Bob"})"}));
    EXPECT_EQ(message.source, "send.jsonl:1");
  }
  // a Kinesis stream: the partition key is the id
  const auto click = route_record(module(), "clicks", "user-7", "x", "t");
  ASSERT_EQ(click.size(), 1U);
  EXPECT_EQ(click[0].target, Address("example/counter", "user-7"));
  EXPECT_EQ(click[0].argument.type_name, "example/Click");
}

TEST(IngressRecord, AnUnknownTopicNamesTheTopicsTheIngressesRead) {
  try {
    (void)route_record(module(), "greetings", "Bob", "", "t");
    FAIL() << "no error";
  } catch (const UnknownTopic& e) {
    EXPECT_STREQ(e.what(),
                 "no Kafka or Kinesis ingress of the module reads the topic 'greetings' (the "
                 "topics they read: 'names' (example/names), 'clicks' (example/clicks))");
  }
  const Module none =
      parse_module("kind: io.statefun.playground.v1/ingress\nspec:\n  port: 8090\n", "module.yaml");
  EXPECT_THROW((void)route_record(none, "names", "Bob", "", "t"), UnknownTopic);
}

}  // namespace
}  // namespace statefun::runtime
