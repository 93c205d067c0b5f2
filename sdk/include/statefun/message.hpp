// Message (what a function receives and sends) and MessageBuilder.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <statefun/address.hpp>
#include <statefun/error.hpp>
#include <statefun/typed_value.hpp>
#include <statefun/types.hpp>

namespace statefun {

/// A message addressed to a function instance, carrying one typed value.
///
/// Example:
///   if (message.is(greet_request_type)) {
///     std::cout << "hello " << message.as(greet_request_type).name << "\n";
///   } else {
///     std::cout << message.as_int() << "\n";  // throws unless the value is an int
///   }
class Message {
 public:
  Message(Address target, TypedValue value)
      : target_(std::move(target)), value_(std::move(value)) {}

  const Address& target() const noexcept { return target_; }

  /// The typename of the carried value, e.g. "example/GreetRequest".
  std::string_view value_type_name() const noexcept { return value_.type_name; }

  /// The typed value as it travels on the wire.
  const TypedValue& typed_value() const noexcept { return value_; }

  /// The raw bytes of the value.
  std::string_view raw_value() const noexcept { return value_.value; }

  /// True when the value's typename is `type`'s.
  template <typename T>
  bool is(const Type<T>& type) const noexcept {
    return value_.type_name == type.type_name().str();
  }

  /// The value decoded as `type`. Throws statefun::Error(errc::invalid_message) when the
  /// typename differs or the bytes do not decode: the caller sent something this function
  /// does not accept, and the server answers 422 rather than 500.
  template <typename T>
  T as(const Type<T>& type) const {
    check_type(type.type_name());
    try {
      return type.deserialize(value_.value);
    } catch (const Error& e) {
      throw Error(errc::invalid_message, e.what());
    }
  }

  bool is_bool() const noexcept { return is(bool_type()); }

  bool is_int() const noexcept { return is(int_type()); }

  bool is_long() const noexcept { return is(long_type()); }

  bool is_float() const noexcept { return is(float_type()); }

  bool is_double() const noexcept { return is(double_type()); }

  bool is_string() const noexcept { return is(string_type()); }

  bool as_bool() const { return as(bool_type()); }

  std::int32_t as_int() const { return as(int_type()); }

  std::int64_t as_long() const { return as(long_type()); }

  float as_float() const { return as(float_type()); }

  double as_double() const { return as(double_type()); }

  std::string as_string() const { return as(string_type()); }

 private:
  void check_type(const TypeName& expected) const;

  Address target_;
  TypedValue value_;
};

/// Builds a Message to send with Context::send or Context::send_after.
///
/// Example:
///   context.send(MessageBuilder("example/greeter", name)
///                    .with_value(greet_request_type, GreetRequest{name, visits})
///                    .build());
///   context.send(MessageBuilder(Address("example/counter", "a")).with_value(42).build());
///   context.send(MessageBuilder("example/counter", "b").with_value(42LL).build());  // a long
class MessageBuilder {
 public:
  explicit MessageBuilder(Address target) : target_(std::move(target)) {}

  MessageBuilder(TypeName function_type, std::string id)
      : target_(std::move(function_type), std::move(id)) {}

  template <typename T>
  MessageBuilder& with_value(const Type<T>& type, const std::type_identity_t<T>& value) {
    return with_raw_value(type.type_name().str(), type.serialize(value));
  }

  /// A number or bool with the built-in type its C++ type maps to (see builtin_number_t):
  /// 42 is an io.statefun.types/int, 42LL and 42U longs, 1.5F a float, 1.5 a double.
  template <BuiltinNumber T>
  MessageBuilder& with_value(T value) {
    return with_value(builtin_type<builtin_number_t<T>>(), to_builtin_number(value));
  }

  /// A string (io.statefun.types/string): std::string, std::string_view or a literal.
  MessageBuilder& with_value(std::string_view value) {
    return with_value(string_type(), std::string(value));
  }

  /// Bytes already serialized, with their typename.
  MessageBuilder& with_raw_value(std::string type_name, std::string bytes);

  /// Throws statefun::Error(errc::invalid_argument) when no value was given.
  Message build() const&;

  /// As build(), moving the target and value out of a temporary builder.
  Message build() &&;

 private:
  void check_complete() const;

  Address target_;
  TypedValue value_;
};

}  // namespace statefun
