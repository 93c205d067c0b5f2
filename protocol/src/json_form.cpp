// The readable JSON form of typed values (see json_form.hpp for the format).
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>

#include <statefun/error.hpp>
#include <statefun/protocol/json_form.hpp>
#include <statefun/protocol/json_text.hpp>
#include <statefun/text/base64.hpp>
#include <statefun/wire/egress_records.hpp>
#include <statefun/wire/utf8.hpp>

namespace statefun::protocol {

namespace {

using nlohmann::json;

[[noreturn]] void invalid(const std::string& what) {
  throw Error(errc::invalid_value, what);
}

/// Raw bytes as {"value": parsed JSON} / {"text": UTF-8} / {"base64": ...}, merged into `out`.
void put_bytes(json& out, std::string_view bytes) {
  // shown as a JSON value only when reading it loses nothing: a number rounded to a double
  // or a repeated key would show another value than the bytes hold
  if (reads_losslessly(bytes)) {
    out["value"] = parse_json(bytes);
  } else if (wire::is_valid_utf8(bytes)) {
    out["text"] = std::string(bytes);
  } else {
    out["base64"] = text::base64_encode(bytes);
  }
}

/// The bytes a {"value"|"text"|"base64"} object stands for; "value" is written as compact JSON.
std::string get_bytes(const json& in, const std::string& where) {
  const int forms = static_cast<int>(in.contains("value")) + static_cast<int>(in.contains("text")) +
                    static_cast<int>(in.contains("base64"));
  if (forms != 1) {
    invalid(where + R"(: needs exactly one of "value", "text" or "base64")");
  }
  if (in.contains("text")) {
    if (!in["text"].is_string()) {
      invalid(where + ": \"text\" must be a string");
    }
    return in["text"].get<std::string>();
  }
  if (in.contains("base64")) {
    const auto decoded = in["base64"].is_string()
                             ? text::base64_decode(in["base64"].get<std::string>())
                             : std::nullopt;
    if (!decoded) {
      invalid(where + ": \"base64\" is not valid base64");
    }
    return *decoded;
  }
  return in["value"].dump();
}

json floating_to_json(double value, bool is_float) {
  if (std::isnan(value)) {
    return "NaN";
  }
  if (std::isinf(value)) {
    return value > 0 ? "Infinity" : "-Infinity";
  }
  if (!is_float) {
    return value;
  }
  // The shortest text that round-trips the float, read back as a double: 1.1F shows as 1.1.
  std::array<char, 32> text{};
  auto* const end =
      std::to_chars(text.data(), text.data() + text.size(), static_cast<float>(value)).ptr;
  double shown = 0;
  std::from_chars(text.data(), end, shown);
  return shown;
}

double floating_from_json(const json& value, const std::string& type_name) {
  if (value.is_number()) {
    return value.get<double>();
  }
  if (value == "NaN") {
    return std::numeric_limits<double>::quiet_NaN();
  }
  if (value == "Infinity" || value == "-Infinity") {
    return value == "Infinity" ? HUGE_VAL : -HUGE_VAL;
  }
  invalid(type_name + " needs a number, got " + value.dump());
}

template <typename Int>
Int integer_from_json(const json& value, const std::string& type_name) {
  const bool fits =
      (value.is_number_unsigned() &&
       value.get<std::uint64_t>() <= std::uint64_t(std::numeric_limits<Int>::max())) ||
      (value.is_number_integer() && !value.is_number_unsigned() &&
       value.get<std::int64_t>() >= std::numeric_limits<Int>::min() &&
       value.get<std::int64_t>() <= std::numeric_limits<Int>::max());
  if (!fits) {
    invalid(type_name + " needs an integer from " +
            std::to_string(std::numeric_limits<Int>::min()) + " to " +
            std::to_string(std::numeric_limits<Int>::max()) + ", got " + value.dump());
  }
  return static_cast<Int>(value.get<std::int64_t>());
}

/// The decoded value of a built-in type; throws statefun::Error for undecodable bytes.
std::optional<json> builtin_to_json(std::string_view t, std::string_view bytes) {
  using namespace type_names;
  if (t == kBool) {
    return json(bool_type().deserialize(bytes));
  }
  if (t == kInt) {
    return json(int_type().deserialize(bytes));
  }
  if (t == kLong) {
    return json(long_type().deserialize(bytes));
  }
  if (t == kFloat) {
    return floating_to_json(float_type().deserialize(bytes), true);
  }
  if (t == kDouble) {
    return floating_to_json(double_type().deserialize(bytes), false);
  }
  if (t == kString) {
    return json(string_type().deserialize(bytes));
  }
  return std::nullopt;
}

std::optional<std::string> builtin_from_json(const std::string& t, const json& v) {
  using namespace type_names;
  if (t == kBool) {
    if (!v.is_boolean()) {
      invalid(t + " needs true or false, got " + v.dump());
    }
    return bool_type().serialize(v.get<bool>());
  }
  if (t == kInt) {
    return int_type().serialize(integer_from_json<std::int32_t>(v, t));
  }
  if (t == kLong) {
    return long_type().serialize(integer_from_json<std::int64_t>(v, t));
  }
  if (t == kFloat) {
    return float_type().serialize(static_cast<float>(floating_from_json(v, t)));
  }
  if (t == kDouble) {
    return double_type().serialize(floating_from_json(v, t));
  }
  if (t == kString) {
    if (!v.is_string()) {
      invalid(t + " needs a string, got " + v.dump());
    }
    return string_type().serialize(v.get<std::string>());
  }
  return std::nullopt;
}

json record_to_json(std::string_view t, std::string_view bytes) {
  json out = json::object();
  if (t == type_names::kKafkaProducerRecord) {
    wire::KafkaRecordView record;
    if (!wire::parse_kafka_record(bytes, record)) {
      invalid("invalid KafkaProducerRecord bytes");
    }
    out = {{"topic", record.topic}, {"key", record.key}};
    put_bytes(out, record.value);
  } else {
    wire::KinesisRecordView record;
    if (!wire::parse_kinesis_record(bytes, record)) {
      invalid("invalid KinesisEgressRecord bytes");
    }
    out = {{"stream", record.stream},
           {"partition_key", record.partition_key},
           {"explicit_hash_key", record.explicit_hash_key}};
    put_bytes(out, record.value);
  }
  return out;
}

std::string string_field(const json& in, const char* key, const std::string& where) {
  if (!in.contains(key)) {
    return {};
  }
  if (!in[key].is_string()) {
    invalid(where + ": \"" + key + "\" must be a string");
  }
  return in[key].get<std::string>();
}

std::string record_from_json(const std::string& t, const json& v) {
  if (!v.is_object()) {
    invalid(t + " needs an object, got " + v.dump());
  }
  if (t == type_names::kKafkaProducerRecord) {
    const std::string topic = string_field(v, "topic", t);
    const std::string key = string_field(v, "key", t);
    const std::string value = get_bytes(v, t);
    return wire::encode_kafka_record({.key = key, .value = value, .topic = topic});
  }
  const std::string stream = string_field(v, "stream", t);
  const std::string partition_key = string_field(v, "partition_key", t);
  const std::string hash_key = string_field(v, "explicit_hash_key", t);
  const std::string value = get_bytes(v, t);
  return wire::encode_kinesis_record({.partition_key = partition_key,
                                      .value = value,
                                      .stream = stream,
                                      .explicit_hash_key = hash_key});
}

bool is_record(std::string_view t) {
  return t == type_names::kKafkaProducerRecord || t == type_names::kKinesisEgressRecord;
}

}  // namespace

std::string one_line(const TypedValue& value) {
  const json form = to_json(value);
  if (form.contains("value")) {
    return form["value"].is_string() ? form["value"].get<std::string>() : form["value"].dump();
  }
  if (form.contains("text")) {
    return form["text"].get<std::string>();
  }
  if (form.contains("base64")) {
    return "base64:" + form["base64"].get<std::string>();
  }
  return "(no value)";
}

json to_json(const TypedValue& value) {
  json out = {{"typename", value.type_name}};
  if (!value.has_value) {
    out["has_value"] = false;
    return out;
  }
  try {
    std::optional<json> decoded = builtin_to_json(value.type_name, value.value);
    std::optional<std::string> canonical;
    if (decoded) {
      canonical = builtin_from_json(value.type_name, *decoded);
    } else if (is_record(value.type_name)) {
      decoded = record_to_json(value.type_name, value.value);
      canonical = record_from_json(value.type_name, *decoded);
    }
    if (decoded) {
      if (canonical == value.value) {
        out["value"] = std::move(*decoded);
        return out;
      }
      // protobuf skips unknown fields and keeps the last of repeated ones: the decoded value
      // would read back to other bytes, so the bytes are shown as they are (never as "value",
      // which a built-in reads as its decoded value)
      if (wire::is_valid_utf8(value.value)) {
        out["text"] = value.value;
      } else {
        out["base64"] = text::base64_encode(value.value);
      }
      out["note"] = "not the canonical encoding of a " + value.type_name + " (it decodes to " +
                    decoded->dump() + "): shown as its bytes";
      return out;
    }
  } catch (const Error& e) {
    out["base64"] = text::base64_encode(value.value);
    out["error"] = e.what();
    return out;
  }
  put_bytes(out, value.value);
  return out;
}

TypedValue typed_value_from_json(const json& in) {
  if (!in.is_object() || !in.contains("typename") || !in["typename"].is_string()) {
    invalid("a typed value needs an object with a \"typename\" string, got " + in.dump());
  }
  TypedValue value{in["typename"].get<std::string>(), true, {}};
  if (in.contains("has_value") && in["has_value"] == false) {
    value.has_value = false;
    return value;
  }
  if (in.contains("value")) {
    if (auto builtin = builtin_from_json(value.type_name, in["value"])) {
      value.value = std::move(*builtin);
      return value;
    }
    if (is_record(value.type_name)) {
      value.value = record_from_json(value.type_name, in["value"]);
      return value;
    }
  }
  value.value = get_bytes(in, value.type_name);
  return value;
}

TypedValue make_typed_value(std::string_view type_name, const json& value) {
  return typed_value_from_json({{"typename", type_name}, {"value", value}});
}

}  // namespace statefun::protocol
