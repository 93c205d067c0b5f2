// Type<T>: how values of T are named and serialized; the six built-in Statefun types.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include <statefun/type_name.hpp>

namespace statefun {

/// A value type: a typename plus a serializer pair. Messages, egress records and state values
/// are typed with it.
///
/// Example (a user-defined type):
///   Type<Point> point_type("example/Point",
///                          [](const Point& p) { return encode(p); },
///                          [](std::string_view bytes) { return decode(bytes); });
template <typename T>
class Type {
 public:
  using value_type = T;
  using Serializer = std::function<std::string(const T&)>;
  using Deserializer = std::function<T(std::string_view)>;

  Type(TypeName type_name, Serializer serialize, Deserializer deserialize)
      : type_name_(std::move(type_name)),
        serialize_(std::move(serialize)),
        deserialize_(std::move(deserialize)) {}

  const TypeName& type_name() const noexcept { return type_name_; }

  /// The bytes of `value`.
  std::string serialize(const T& value) const { return serialize_(value); }

  /// The value in `bytes`; throws statefun::Error(errc::invalid_value) when they do not decode.
  T deserialize(std::string_view bytes) const { return deserialize_(bytes); }

 private:
  TypeName type_name_;
  Serializer serialize_;
  Deserializer deserialize_;
};

/// `io.statefun.types/bool`: BooleanWrapper, true -> 08 01, false -> empty bytes.
const Type<bool>& bool_type();

/// `io.statefun.types/int`: IntWrapper (sfixed32), 1 -> 0D 01 00 00 00, 0 -> empty bytes.
const Type<std::int32_t>& int_type();

/// `io.statefun.types/long`: LongWrapper (sfixed64), 1 -> 09 01 00 00 00 00 00 00 00.
const Type<std::int64_t>& long_type();

/// `io.statefun.types/float`: FloatWrapper, 1.0 -> 0D 00 00 80 3F.
const Type<float>& float_type();

/// `io.statefun.types/double`: DoubleWrapper, 1.0 -> 09 00 00 00 00 00 00 F0 3F.
const Type<double>& double_type();

/// `io.statefun.types/string`: StringWrapper, "hi" -> 0A 02 68 69, "" -> empty bytes.
const Type<std::string>& string_type();

/// The typenames of the built-in types.
namespace type_names {
inline constexpr std::string_view kBool = "io.statefun.types/bool";
inline constexpr std::string_view kInt = "io.statefun.types/int";
inline constexpr std::string_view kLong = "io.statefun.types/long";
inline constexpr std::string_view kFloat = "io.statefun.types/float";
inline constexpr std::string_view kDouble = "io.statefun.types/double";
inline constexpr std::string_view kString = "io.statefun.types/string";
inline constexpr std::string_view kKafkaProducerRecord =
    "type.googleapis.com/io.statefun.sdk.egress.KafkaProducerRecord";
inline constexpr std::string_view kKinesisEgressRecord =
    "type.googleapis.com/io.statefun.sdk.egress.KinesisEgressRecord";
}  // namespace type_names

}  // namespace statefun
