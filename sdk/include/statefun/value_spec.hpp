// ValueSpec: a named, typed piece of persisted state, with an optional expiration.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>

#include <statefun/type_name.hpp>
#include <statefun/types.hpp>

namespace statefun {

/// When a state value expires (processing time, enforced by the runtime).
struct Expiration {
  enum class Mode {
    none,         ///< never expires (wire NONE)
    after_write,  ///< expires `duration` after the last write (wire AFTER_WRITE)
    after_call,   ///< expires `duration` after the last invocation or write (wire AFTER_INVOKE)
  };

  static Expiration never() { return {}; }

  static Expiration after_write(std::chrono::milliseconds d) { return {Mode::after_write, d}; }

  static Expiration after_call(std::chrono::milliseconds d) { return {Mode::after_call, d}; }

  friend bool operator==(const Expiration&, const Expiration&) = default;

  Mode mode = Mode::none;
  std::chrono::milliseconds duration{0};
};

/// The type-erased part of a ValueSpec: what the runtime needs to know (name, typename,
/// expiration). A function declares its state as a list of these.
class ValueSpecBase {
 public:
  /// Throws statefun::Error(errc::invalid_value_spec) unless `name` matches
  /// [a-zA-Z_][a-zA-Z_0-9]* (the Go SDK's rule).
  ValueSpecBase(std::string name, TypeName type_name, Expiration expiration = {});

  const std::string& name() const noexcept { return name_; }

  const TypeName& type_name() const noexcept { return type_name_; }

  const Expiration& expiration() const noexcept { return expiration_; }

  friend bool operator==(const ValueSpecBase&, const ValueSpecBase&) = default;

 private:
  std::string name_;
  TypeName type_name_;
  Expiration expiration_;
};

/// A state value of type T.
///
/// Example:
///   const ValueSpec<std::int32_t> visits("visits", int_type());
///   const ValueSpec<std::string> last_seen("last_seen",
///                                          string_type(),
///                                          Expiration::after_call(std::chrono::hours(24)));
template <typename T>
class ValueSpec : public ValueSpecBase {
 public:
  ValueSpec(std::string name, Type<T> type, Expiration expiration = {})
      : ValueSpecBase(std::move(name), type.type_name(), expiration), type_(std::move(type)) {}

  const Type<T>& type() const noexcept { return type_; }

 private:
  Type<T> type_;
};

}  // namespace statefun
