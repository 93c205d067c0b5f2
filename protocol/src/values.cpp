#include <nlohmann/json.hpp>

#include <statefun/protocol/json_text.hpp>
#include <statefun/protocol/values.hpp>
#include <statefun/wire/egress_records.hpp>

namespace statefun::protocol {

namespace {

[[noreturn]] void invalid_record(std::string_view type_name) {
  throw Error(errc::invalid_value, "invalid " + std::string(type_name) + " bytes");
}

}  // namespace

void check_type_name(const TypedValue& value, std::string_view expected) {
  if (value.type_name != expected) {
    throw Error(errc::type_mismatch,
                "the value is a '" + value.type_name + "', not a " + std::string(expected));
  }
}

KafkaRecord kafka_record(const TypedValue& value) {
  check_type_name(value, type_names::kKafkaProducerRecord);
  wire::KafkaRecordView record;
  if (!wire::parse_kafka_record(value.value, record)) {
    invalid_record(type_names::kKafkaProducerRecord);
  }
  return {std::string(record.topic), std::string(record.key), std::string(record.value)};
}

KinesisRecord kinesis_record(const TypedValue& value) {
  check_type_name(value, type_names::kKinesisEgressRecord);
  wire::KinesisRecordView record;
  if (!wire::parse_kinesis_record(value.value, record)) {
    invalid_record(type_names::kKinesisEgressRecord);
  }
  return {std::string(record.stream),
          std::string(record.partition_key),
          std::string(record.explicit_hash_key),
          std::string(record.value)};
}

PlaygroundEgressRecord playground_record(const TypedValue& value) {
  check_type_name(value, "io.statefun.playground/EgressRecord");
  const auto json = parse_json(value.value);
  if (!json.is_object() || !json.contains("topic") || !json["topic"].is_string() ||
      !json.contains("payload") || !json["payload"].is_string()) {
    throw Error(errc::invalid_value,
                R"(invalid EgressRecord: expected {"topic": string, "payload": string}, got ')" +
                    value.value + "'");
  }
  return {json["topic"].get<std::string>(), json["payload"].get<std::string>()};
}

}  // namespace statefun::protocol
