#include <nlohmann/json.hpp>

#include <statefun/testkit/values.hpp>

#include "io/kafka-egress.pb.h"
#include "io/kinesis-egress.pb.h"

namespace statefun::testkit {

namespace {

template <typename Record>
Record parse_record(const TypedValue& value, std::string_view type_name) {
  check_type_name(value, type_name);
  Record record;
  if (!record.ParseFromArray(value.value.data(), static_cast<int>(value.value.size()))) {
    throw Error(errc::invalid_value, "invalid " + std::string(type_name) + " bytes");
  }
  return record;
}

}  // namespace

void check_type_name(const TypedValue& value, std::string_view expected) {
  if (value.type_name != expected) {
    throw Error(errc::type_mismatch,
                "the value is a '" + value.type_name + "', not a " + std::string(expected));
  }
}

KafkaRecord kafka_record(const TypedValue& value) {
  const auto record = parse_record<io::statefun::sdk::egress::KafkaProducerRecord>(
      value, type_names::kKafkaProducerRecord);
  return {record.topic(), record.key(), record.value_bytes()};
}

KinesisRecord kinesis_record(const TypedValue& value) {
  const auto record = parse_record<io::statefun::sdk::egress::KinesisEgressRecord>(
      value, type_names::kKinesisEgressRecord);
  return {
      record.stream(), record.partition_key(), record.explicit_hash_key(), record.value_bytes()};
}

PlaygroundEgressRecord playground_record(const TypedValue& value) {
  check_type_name(value, "io.statefun.playground/EgressRecord");
  const auto json = nlohmann::json::parse(value.value, nullptr, false);
  if (!json.is_object() || !json.contains("topic") || !json["topic"].is_string() ||
      !json.contains("payload") || !json["payload"].is_string()) {
    throw Error(errc::invalid_value,
                "invalid EgressRecord: expected {\"topic\": string, \"payload\": string}, got '" +
                    value.value + "'");
  }
  return {json["topic"].get<std::string>(), json["payload"].get<std::string>()};
}

}  // namespace statefun::testkit
