
#include <cstdint>
#include <string>
#include <string_view>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <statefun/egress.hpp>
#include <statefun/error.hpp>

#include "io/kafka-egress.pb.h"
#include "io/kinesis-egress.pb.h"

namespace statefun {
namespace {

namespace pbe = io::statefun::sdk::egress;

pbe::KafkaProducerRecord kafka_record(const EgressMessage& m) {
  EXPECT_EQ(m.value.type_name, "type.googleapis.com/io.statefun.sdk.egress.KafkaProducerRecord");
  EXPECT_TRUE(m.value.has_value);
  pbe::KafkaProducerRecord record;
  EXPECT_TRUE(record.ParseFromString(m.value.value));
  return record;
}

TEST(EgressMessageBuilder, WrapsATypedValue) {
  const EgressMessage m =
      EgressMessageBuilder("io.statefun.playground/egress").with_value("hello").build();
  EXPECT_EQ(m.egress.str(), "io.statefun.playground/egress");
  EXPECT_EQ(m.value.type_name, "io.statefun.types/string");
  EXPECT_EQ(string_type().deserialize(m.value.value), "hello");
  EXPECT_THROW(EgressMessageBuilder("a/b").build(), Error);
  EXPECT_EQ(EgressMessageBuilder("a/b").with_value(42LL).build().value.type_name,
            type_names::kLong);
  EXPECT_EQ(EgressMessageBuilder("a/b").with_value(1.5F).build().value.type_name,
            type_names::kFloat);
}

TEST(KafkaEgressBuilder, BuildsAProducerRecord) {
  const auto record = kafka_record(KafkaEgressBuilder("example/out")
                                       .with_topic("greetings")
                                       .with_key("George")
                                       .with_value("Welcome George")
                                       .build());
  EXPECT_EQ(record.topic(), "greetings");
  EXPECT_EQ(record.key(), "George");
  EXPECT_EQ(record.value_bytes(), "Welcome George");
}

TEST(KafkaEgressBuilder, WritesNumbersBigEndian) {
  const auto as_bytes = [](KafkaEgressBuilder& b) {
    return kafka_record(b.with_topic("t").build()).value_bytes();
  };
  KafkaEgressBuilder b("example/out");
  EXPECT_EQ(as_bytes(b.with_value(std::int32_t{1})), std::string("\0\0\0\1", 4));
  EXPECT_EQ(as_bytes(b.with_value(std::int64_t{-1})), std::string(8, '\xFF'));
  EXPECT_EQ(as_bytes(b.with_value(1.0)), std::string("\x3F\xF0\0\0\0\0\0\0", 8));
  EXPECT_EQ(as_bytes(b.with_value(1.0F)), std::string("\x3F\x80\0\0", 4));
  EXPECT_EQ(as_bytes(b.with_value(1)), std::string("\0\0\0\1", 4));
  EXPECT_EQ(as_bytes(b.with_value(1LL)), std::string("\0\0\0\0\0\0\0\1", 8));
  EXPECT_EQ(as_bytes(b.with_value(1U)), std::string("\0\0\0\0\0\0\0\1", 8));
  EXPECT_EQ(as_bytes(b.with_value(std::string_view("hi"))), "hi");
}

TEST(KafkaEgressBuilder, RequiresTopicAndValue) {
  try {
    KafkaEgressBuilder("example/out").with_value("v").build();
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), errc::invalid_argument);
    EXPECT_THAT(e.what(), testing::HasSubstr("topic"));
  }
  EXPECT_THROW(KafkaEgressBuilder("example/out").with_topic("t").build(), Error);
}

TEST(KinesisEgressBuilder, BuildsAnEgressRecord) {
  const EgressMessage m = KinesisEgressBuilder("example/kinesis")
                              .with_stream("greetings")
                              .with_partition_key("George")
                              .with_explicit_hash_key("42")
                              .with_value("hi")
                              .build();
  EXPECT_EQ(m.value.type_name, "type.googleapis.com/io.statefun.sdk.egress.KinesisEgressRecord");
  pbe::KinesisEgressRecord record;
  ASSERT_TRUE(record.ParseFromString(m.value.value));
  EXPECT_EQ(record.stream(), "greetings");
  EXPECT_EQ(record.partition_key(), "George");
  EXPECT_EQ(record.explicit_hash_key(), "42");
  EXPECT_EQ(record.value_bytes(), "hi");
}

TEST(KinesisEgressBuilder, RequiresStreamPartitionKeyAndValue) {
  EXPECT_THROW(KinesisEgressBuilder("e/k").with_partition_key("p").with_value("v").build(), Error);
  EXPECT_THROW(KinesisEgressBuilder("e/k").with_stream("s").with_value("v").build(), Error);
  EXPECT_THROW(KinesisEgressBuilder("e/k").with_stream("s").with_partition_key("p").build(), Error);
}

}  // namespace
}  // namespace statefun
