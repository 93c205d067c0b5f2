// Type<T>: how values of T are named and serialized; the six built-in Statefun types.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <statefun/error.hpp>
#include <statefun/type_name.hpp>

namespace statefun {

/// A value type: a typename plus a serializer pair. Messages, egress records and state values
/// are typed with it.
///
/// Example (a user-defined type):
///   Type<Point> point_type(
///       "example/Point",
///       [](const Point& p) { return encode(p); },
///       [](std::string_view bytes) { return decode(bytes); });
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

/// The built-in Type of T: bool, std::int32_t, std::int64_t, float, double or std::string.
///
/// Example:
///   static_assert(std::is_same_v<decltype(builtin_type<float>()), const Type<float>&>);
template <typename T>
const Type<T>& builtin_type() {
  if constexpr (std::is_same_v<T, bool>) {
    return bool_type();
  } else if constexpr (std::is_same_v<T, std::int32_t>) {
    return int_type();
  } else if constexpr (std::is_same_v<T, std::int64_t>) {
    return long_type();
  } else if constexpr (std::is_same_v<T, float>) {
    return float_type();
  } else if constexpr (std::is_same_v<T, double>) {
    return double_type();
  } else {
    static_assert(std::is_same_v<T, std::string>, "no built-in type for T");
    return string_type();
  }
}

/// The arithmetic types with a built-in type: bool, the integer types and float and double;
/// not the character types (char, wchar_t, char8_t, char16_t, char32_t) nor long double.
template <typename T>
concept BuiltinNumber = std::is_arithmetic_v<T> && !std::is_same_v<std::remove_cv_t<T>, char> &&
                        !std::is_same_v<std::remove_cv_t<T>, wchar_t> &&
                        !std::is_same_v<std::remove_cv_t<T>, char8_t> &&
                        !std::is_same_v<std::remove_cv_t<T>, char16_t> &&
                        !std::is_same_v<std::remove_cv_t<T>, char32_t> &&
                        !std::is_same_v<std::remove_cv_t<T>, long double>;

/// What a BuiltinNumber is sent as: bool as bool (io.statefun.types/bool); an integer type
/// whose every value fits 32 signed bits as std::int32_t (io.statefun.types/int), any other
/// integer type as std::int64_t (io.statefun.types/long); float and double as themselves.
template <BuiltinNumber T>
using builtin_number_t = std::conditional_t<
    std::is_same_v<std::remove_cv_t<T>, bool> || std::is_floating_point_v<T>,
    std::remove_cv_t<T>,
    std::conditional_t<(std::numeric_limits<T>::digits <= 31), std::int32_t, std::int64_t>>;

/// `value` as its builtin_number_t. Throws statefun::Error(errc::invalid_argument) for an
/// unsigned 64-bit value above the largest io.statefun.types/long.
///
/// Example:
///   assert(to_builtin_number(42U) == std::int64_t{42});
template <BuiltinNumber T>
builtin_number_t<T> to_builtin_number(T value) {
  using Builtin = builtin_number_t<T>;
  if constexpr (std::is_integral_v<T> && !std::is_same_v<std::remove_cv_t<T>, bool>) {
    if (!std::in_range<Builtin>(value)) {
      throw Error(errc::invalid_argument,
                  std::to_string(value) + " does not fit an io.statefun.types/long");
    }
  }
  return static_cast<Builtin>(value);
}

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
