// Address: a function instance, i.e. a function type and an id.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <utility>

#include <statefun/type_name.hpp>

namespace statefun {

/// The address of a function instance: `example/greeter/George` is the instance "George" of the
/// function type `example/greeter`.
///
/// Example:
///   Address george("example/greeter", "George");
///   assert(george.str() == "example/greeter/George");
///   assert(Address::parse("example/greeter/George") == george);
struct Address {
  Address(TypeName function_type, std::string instance_id)
      : type(std::move(function_type)), id(std::move(instance_id)) {}

  /// Parses "namespace/type/id": the id is everything after the second '/', and may be empty
  /// or hold further slashes. Throws statefun::Error(errc::invalid_address).
  static Address parse(std::string_view address);

  /// "namespace/type/id".
  std::string str() const { return type.str() + '/' + id; }

  friend bool operator==(const Address&, const Address&) = default;

  friend std::ostream& operator<<(std::ostream& out, const Address& a) {
    return out << a.type << '/' << a.id;
  }

  TypeName type;
  std::string id;
};

}  // namespace statefun
