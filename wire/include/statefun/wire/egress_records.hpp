// The generic Kafka and Kinesis egress records (io/kafka-egress.proto, io/kinesis-egress.proto),
// read in place and written as protobuf writes them. The SDK's egress builders write them; the
// protocol's readable form and the test kit read them.
// Part of statefun::wire, an internal target: not installed, not an API.
#pragma once

#include <string>
#include <string_view>

namespace statefun::wire {

/// KafkaProducerRecord { key = 1; value_bytes = 2; topic = 3; }.
struct KafkaRecordView {
  std::string_view key;  ///< "" = no key
  std::string_view value;
  std::string_view topic;
};

/// KinesisEgressRecord { partition_key = 1; value_bytes = 2; stream = 3; explicit_hash_key = 4; }.
struct KinesisRecordView {
  std::string_view partition_key;
  std::string_view value;
  std::string_view stream;
  std::string_view explicit_hash_key;  ///< "" = none
};

/// Reads a record (cleared first); false when the bytes are not one.
bool parse_kafka_record(std::string_view bytes, KafkaRecordView& out);
bool parse_kinesis_record(std::string_view bytes, KinesisRecordView& out);

/// The record's bytes.
std::string encode_kafka_record(const KafkaRecordView& record);
std::string encode_kinesis_record(const KinesisRecordView& record);

}  // namespace statefun::wire
