// Typed access to the values in a Response: any SDK type, and the egress records.
#pragma once

#include <string>
#include <string_view>

#include <statefun/error.hpp>
#include <statefun/typed_value.hpp>
#include <statefun/types.hpp>

namespace statefun::protocol {

/// Throws statefun::Error(errc::type_mismatch) unless `value` has the typename `expected`.
void check_type_name(const TypedValue& value, std::string_view expected);

/// The value decoded with `type`. Throws statefun::Error: errc::type_mismatch when the value's
/// typename is another, errc::invalid_value when there is no value or the bytes do not decode.
///
/// Example:
///   const std::int32_t visits = value_as(response.mutations[0].value.value(), int_type());
template <typename T>
T value_as(const TypedValue& value, const Type<T>& type) {
  check_type_name(value, type.type_name().str());
  if (!value.has_value) {
    throw Error(errc::invalid_value,
                "the " + value.type_name + " value is absent (has_value false)");
  }
  return type.deserialize(value.value);
}

/// A generic Kafka egress record (type.googleapis.com/io.statefun.sdk.egress.KafkaProducerRecord).
struct KafkaRecord {
  std::string topic;
  std::string key;    ///< "" = no key
  std::string value;  ///< value_bytes as they are
};

/// A generic Kinesis egress record (.../io.statefun.sdk.egress.KinesisEgressRecord).
struct KinesisRecord {
  std::string stream;
  std::string partition_key;
  std::string explicit_hash_key;  ///< "" = none
  std::string value;              ///< value_bytes as they are
};

/// The playground egress record (io.statefun.playground/EgressRecord, JSON).
struct PlaygroundEgressRecord {
  std::string topic;
  std::string payload;
};

/// The records in an egress value; each throws statefun::Error (errc::type_mismatch for another
/// typename, errc::invalid_value for bytes that do not decode).
KafkaRecord kafka_record(const TypedValue& value);
KinesisRecord kinesis_record(const TypedValue& value);
PlaygroundEgressRecord playground_record(const TypedValue& value);

}  // namespace statefun::protocol
