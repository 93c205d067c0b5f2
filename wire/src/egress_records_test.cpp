// The Kafka and Kinesis egress records against protobuf's generated code.

#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include <statefun/wire/egress_records.hpp>

#include "io/kafka-egress.pb.h"
#include "io/kinesis-egress.pb.h"

namespace statefun::wire {
namespace {

namespace pbe = io::statefun::sdk::egress;

TEST(EgressRecords, KafkaRoundTripsWithProtobuf) {
  for (const KafkaRecordView record : {KafkaRecordView{"key", std::string_view("\0\xff", 2), "t"},
                                       KafkaRecordView{"", "", "greetings"},
                                       KafkaRecordView{}}) {
    pbe::KafkaProducerRecord expected;
    expected.set_key(std::string(record.key));
    expected.set_value_bytes(std::string(record.value));
    expected.set_topic(std::string(record.topic));
    const std::string bytes = encode_kafka_record(record);
    EXPECT_EQ(bytes, expected.SerializeAsString());
    KafkaRecordView read;
    ASSERT_TRUE(parse_kafka_record(bytes, read));
    EXPECT_EQ(read.key, record.key);
    EXPECT_EQ(read.value, record.value);
    EXPECT_EQ(read.topic, record.topic);
  }
}

TEST(EgressRecords, KinesisRoundTripsWithProtobuf) {
  const KinesisRecordView record{"pk", std::string_view("\x01\x02", 2), "stream", "42"};
  pbe::KinesisEgressRecord expected;
  expected.set_partition_key("pk");
  expected.set_value_bytes(std::string("\x01\x02", 2));
  expected.set_stream("stream");
  expected.set_explicit_hash_key("42");
  const std::string bytes = encode_kinesis_record(record);
  EXPECT_EQ(bytes, expected.SerializeAsString());
  KinesisRecordView read;
  ASSERT_TRUE(parse_kinesis_record(bytes, read));
  EXPECT_EQ(read.partition_key, "pk");
  EXPECT_EQ(read.value, std::string_view("\x01\x02", 2));
  EXPECT_EQ(read.stream, "stream");
  EXPECT_EQ(read.explicit_hash_key, "42");
}

TEST(EgressRecords, BytesMayBeAnythingButStringsMustBeUtf8) {
  KafkaRecordView read;
  EXPECT_TRUE(parse_kafka_record(encode_kafka_record({"", "\xff\xfe", "t"}), read));
  EXPECT_FALSE(parse_kafka_record(encode_kafka_record({"\xff", "", "t"}), read));
  EXPECT_FALSE(parse_kafka_record(std::string("\x1a\x05t", 3), read));  // cut short
}

}  // namespace
}  // namespace statefun::wire
