// Egress messages: generic, Kafka and Kinesis records.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <statefun/type_name.hpp>
#include <statefun/typed_value.hpp>
#include <statefun/types.hpp>

namespace statefun {

/// A record for an egress, identified by its typename (e.g. io.statefun.playground/egress).
struct EgressMessage {
  TypeName egress;
  TypedValue value;
};

/// Builds a generic EgressMessage carrying any typed value.
///
/// Example:
///   context.send_egress(EgressMessageBuilder("io.statefun.playground/egress")
///                           .with_value(egress_record_type, {"greetings", greeting})
///                           .build());
class EgressMessageBuilder {
 public:
  explicit EgressMessageBuilder(TypeName egress) : egress_(std::move(egress)) {}

  template <typename T>
  EgressMessageBuilder& with_value(const Type<T>& type, const std::type_identity_t<T>& value) {
    return with_raw_value(type.type_name().str(), type.serialize(value));
  }

  /// A number or bool with the built-in type its C++ type maps to (see builtin_number_t).
  template <BuiltinNumber T>
  EgressMessageBuilder& with_value(T value) {
    return with_value(builtin_type<builtin_number_t<T>>(), to_builtin_number(value));
  }

  /// A string (io.statefun.types/string).
  EgressMessageBuilder& with_value(std::string_view value) {
    return with_value(string_type(), std::string(value));
  }

  EgressMessageBuilder& with_raw_value(std::string type_name, std::string bytes);

  /// Throws statefun::Error(errc::invalid_argument) when no value was given.
  EgressMessage build() const&;

  /// As build(), moving the egress and value out of a temporary builder.
  EgressMessage build() &&;

 private:
  TypeName egress_;
  std::optional<TypedValue> value_;
};

/// Builds a record for a generic Kafka egress (KafkaProducerRecord). Numbers are written
/// big-endian at their own width, strings as UTF-8, as the official SDKs do.
///
/// Example:
///   context.send_egress(KafkaEgressBuilder("example/kafka-egress")
///                           .with_topic("greetings")
///                           .with_key(name)
///                           .with_value(greeting)
///                           .build());
class KafkaEgressBuilder {
 public:
  explicit KafkaEgressBuilder(TypeName egress) : egress_(std::move(egress)) {}

  KafkaEgressBuilder& with_topic(std::string topic);

  /// An empty key means no key.
  KafkaEgressBuilder& with_key(std::string key);

  /// The value bytes as they are (a string's UTF-8 bytes, or any bytes).
  KafkaEgressBuilder& with_value(std::string_view bytes);

  /// A number, big-endian at the width of its builtin_number_t (as the official SDKs write
  /// them): 42 takes 4 bytes, 42LL and 42U 8 bytes, 1.5F 4 bytes IEEE 754, 1.5 8 bytes.
  template <BuiltinNumber T>

  requires(!std::is_same_v<std::remove_cv_t<T>, bool>) KafkaEgressBuilder& with_value(T value) {
    return with_number(to_builtin_number(value));
  }

  /// The value serialized with `type`.
  template <typename T>
  KafkaEgressBuilder& with_value(const Type<T>& type, const std::type_identity_t<T>& value) {
    return with_value(type.serialize(value));
  }

  /// Throws statefun::Error(errc::invalid_argument) without a topic or a value.
  EgressMessage build() const;

 private:
  KafkaEgressBuilder& with_number(std::int32_t value);
  KafkaEgressBuilder& with_number(std::int64_t value);
  KafkaEgressBuilder& with_number(float value);
  KafkaEgressBuilder& with_number(double value);

  TypeName egress_;
  std::string topic_;
  std::string key_;
  std::optional<std::string> value_;
};

/// Builds a record for a generic Kinesis egress (KinesisEgressRecord).
///
/// Example:
///   context.send_egress(KinesisEgressBuilder("example/kinesis-egress")
///                           .with_stream("greetings")
///                           .with_partition_key(name)
///                           .with_value(greeting)
///                           .build());
class KinesisEgressBuilder {
 public:
  explicit KinesisEgressBuilder(TypeName egress) : egress_(std::move(egress)) {}

  KinesisEgressBuilder& with_stream(std::string stream);
  KinesisEgressBuilder& with_partition_key(std::string key);

  /// An empty hash key means none.
  KinesisEgressBuilder& with_explicit_hash_key(std::string key);

  /// The value bytes as they are (a string's UTF-8 bytes, or any bytes).
  KinesisEgressBuilder& with_value(std::string_view bytes);

  /// The value serialized with `type`.
  template <typename T>
  KinesisEgressBuilder& with_value(const Type<T>& type, const std::type_identity_t<T>& value) {
    return with_value(type.serialize(value));
  }

  /// Throws statefun::Error(errc::invalid_argument) without a stream, partition key or value.
  EgressMessage build() const;

 private:
  TypeName egress_;
  std::string stream_;
  std::string partition_key_;
  std::string explicit_hash_key_;
  std::optional<std::string> value_;
};

}  // namespace statefun
