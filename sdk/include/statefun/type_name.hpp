// TypeName: a "namespace/name" pair naming function types, value types and egresses.
#pragma once

#include <cstddef>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace statefun {

/// A typename such as `example/greeter` or `io.statefun.types/int`.
///
/// Parsing splits at the last '/', as every official SDK does; namespace and name must both be
/// non-empty. (The Flink runtime itself additionally rejects a '/' inside the namespace.)
///
/// Example:
///   TypeName greeter("example/greeter");
///   assert(greeter.ns() == "example" && greeter.name() == "greeter");
class TypeName {
 public:
  /// Parses "namespace/name"; throws statefun::Error(errc::invalid_type_name).
  TypeName(std::string_view type_name);  // NOLINT(google-explicit-constructor): like std::string

  TypeName(const char* type_name) : TypeName(std::string_view(type_name)) {}  // NOLINT

  TypeName(std::string_view ns, std::string_view name);

  /// Parses "namespace/name"; throws statefun::Error(errc::invalid_type_name).
  static TypeName parse(std::string_view type_name) { return {type_name}; }

  /// The part before the last '/'.
  std::string_view ns() const noexcept { return std::string_view(full_).substr(0, slash_); }

  /// The part after the last '/'.
  std::string_view name() const noexcept { return std::string_view(full_).substr(slash_ + 1); }

  /// "namespace/name".
  const std::string& str() const noexcept { return full_; }

  friend bool operator==(const TypeName& a, const TypeName& b) noexcept {
    return a.full_ == b.full_;
  }

  friend auto operator<=>(const TypeName& a, const TypeName& b) noexcept {
    return a.full_ <=> b.full_;
  }

  friend std::ostream& operator<<(std::ostream& out, const TypeName& t) { return out << t.full_; }

 private:
  std::string full_;
  std::size_t slash_ = 0;
};

}  // namespace statefun

template <>
struct std::hash<statefun::TypeName> {
  std::size_t operator()(const statefun::TypeName& t) const noexcept {
    return std::hash<std::string>()(t.str());
  }
};
