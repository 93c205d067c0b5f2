#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include <statefun/protocol/json_text.hpp>
#include <statefun/protocol/values.hpp>
#include <statefun/wire/egress_records.hpp>

namespace statefun::protocol {

namespace {

[[noreturn]] void invalid_record(std::string_view type_name) {
  throw Error(errc::invalid_value, "invalid " + std::string(type_name) + " bytes");
}

/// Reads the top-level "topic" and "payload" of an EgressRecord's JSON as it streams by, without
/// building the document (a runtime reads one per egress record): the last of a repeated key
/// wins, as in a parsed document; nesting deeper than kMaxJsonDepth is refused like parse_json.
class EgressRecordReader final : public nlohmann::json_sax<nlohmann::json> {
 public:
  std::optional<std::string> topic;
  std::optional<std::string> payload;
  bool object = false;  ///< the document is an object

  bool null() override { return scalar(); }

  bool boolean(bool /*value*/) override { return scalar(); }

  bool number_integer(number_integer_t /*value*/) override { return scalar(); }

  bool number_unsigned(number_unsigned_t /*value*/) override { return scalar(); }

  bool number_float(number_float_t /*value*/, const string_t& /*text*/) override {
    return scalar();
  }

  bool binary(binary_t& /*value*/) override { return scalar(); }

  bool string(string_t& value) override {
    if (depth_ == 1) {
      if (key_ == Key::topic) {
        topic = std::move(value);
      } else if (key_ == Key::payload) {
        payload = std::move(value);
      }
    }
    return true;
  }

  bool start_object(std::size_t /*elements*/) override {
    object = object || depth_ == 0;
    return enter();
  }

  bool end_object() override { return leave(); }

  bool start_array(std::size_t /*elements*/) override { return enter(); }

  bool end_array() override { return leave(); }

  bool key(string_t& name) override {
    if (depth_ == 1) {
      key_ = name == "topic" ? Key::topic : name == "payload" ? Key::payload : Key::other;
    }
    return true;
  }

  bool parse_error(std::size_t /*position*/,
                   const std::string& /*token*/,
                   const nlohmann::detail::exception& /*error*/) override {
    return false;
  }

 private:
  enum class Key : std::uint8_t { other, topic, payload };

  /// A value that is not a string: a topic or payload written so is not one.
  bool scalar() { return enter() && leave(); }

  bool enter() {
    if (depth_ == 1) {  // the value of a top-level key, not a string
      if (key_ == Key::topic) {
        topic.reset();
      } else if (key_ == Key::payload) {
        payload.reset();
      }
    }
    return ++depth_ <= kMaxJsonDepth;
  }

  bool leave() {
    --depth_;
    return true;
  }

  int depth_ = 0;
  Key key_ = Key::other;
};

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
  EgressRecordReader reader;
  if (!nlohmann::json::sax_parse(value.value, &reader) || !reader.object || !reader.topic ||
      !reader.payload) {
    throw Error(errc::invalid_value,
                R"(invalid EgressRecord: expected {"topic": string, "payload": string}, got ')" +
                    value.value + "'");
  }
  return {std::move(*reader.topic), std::move(*reader.payload)};
}

}  // namespace statefun::protocol
