#include <bit>
#include <cstring>

#include <statefun/egress.hpp>
#include <statefun/error.hpp>
#include <statefun/wire/egress_records.hpp>

namespace statefun {

namespace {

template <typename T>
std::string big_endian(T value) {
  using Bits = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
  auto bits = std::bit_cast<Bits>(value);
  std::string out(sizeof(T), '\0');
  for (std::size_t i = sizeof(T); i-- > 0;) {
    out[i] = static_cast<char>(bits & 0xFF);
    bits >>= 8;
  }
  return out;
}

void require(bool condition, const TypeName& egress, const char* what) {
  if (!condition) {
    throw Error(errc::invalid_argument, "egress record for " + egress.str() + " needs " + what);
  }
}

EgressMessage wrap(const TypeName& egress, std::string_view type_name, std::string bytes) {
  return EgressMessage{egress, TypedValue{std::string(type_name), true, std::move(bytes)}};
}

}  // namespace

EgressMessageBuilder& EgressMessageBuilder::with_raw_value(std::string type_name,
                                                           std::string bytes) {
  value_ = TypedValue{std::move(type_name), true, std::move(bytes)};
  return *this;
}

EgressMessage EgressMessageBuilder::build() const& {
  require(value_.has_value(), egress_, "a value");
  return EgressMessage{egress_, *value_};
}

EgressMessage EgressMessageBuilder::build() && {
  require(value_.has_value(), egress_, "a value");
  return EgressMessage{std::move(egress_), std::move(*value_)};
}

KafkaEgressBuilder& KafkaEgressBuilder::with_topic(std::string topic) {
  topic_ = std::move(topic);
  return *this;
}

KafkaEgressBuilder& KafkaEgressBuilder::with_key(std::string key) {
  key_ = std::move(key);
  return *this;
}

KafkaEgressBuilder& KafkaEgressBuilder::with_value(std::string_view bytes) {
  value_ = std::string(bytes);
  return *this;
}

KafkaEgressBuilder& KafkaEgressBuilder::with_number(std::int32_t value) {
  return with_value(big_endian(value));
}

KafkaEgressBuilder& KafkaEgressBuilder::with_number(std::int64_t value) {
  return with_value(big_endian(value));
}

KafkaEgressBuilder& KafkaEgressBuilder::with_number(float value) {
  return with_value(big_endian(value));
}

KafkaEgressBuilder& KafkaEgressBuilder::with_number(double value) {
  return with_value(big_endian(value));
}

EgressMessage KafkaEgressBuilder::build() const {
  require(!topic_.empty(), egress_, "a topic");
  require(value_.has_value(), egress_, "a value");
  return wrap(egress_,
              type_names::kKafkaProducerRecord,
              wire::encode_kafka_record({.key = key_, .value = *value_, .topic = topic_}));
}

KinesisEgressBuilder& KinesisEgressBuilder::with_stream(std::string stream) {
  stream_ = std::move(stream);
  return *this;
}

KinesisEgressBuilder& KinesisEgressBuilder::with_partition_key(std::string key) {
  partition_key_ = std::move(key);
  return *this;
}

KinesisEgressBuilder& KinesisEgressBuilder::with_explicit_hash_key(std::string key) {
  explicit_hash_key_ = std::move(key);
  return *this;
}

KinesisEgressBuilder& KinesisEgressBuilder::with_value(std::string_view bytes) {
  value_ = std::string(bytes);
  return *this;
}

EgressMessage KinesisEgressBuilder::build() const {
  require(!stream_.empty(), egress_, "a stream");
  require(!partition_key_.empty(), egress_, "a partition key");
  require(value_.has_value(), egress_, "a value");
  return wrap(egress_,
              type_names::kKinesisEgressRecord,
              wire::encode_kinesis_record({.partition_key = partition_key_,
                                           .value = *value_,
                                           .stream = stream_,
                                           .explicit_hash_key = explicit_hash_key_}));
}

}  // namespace statefun
