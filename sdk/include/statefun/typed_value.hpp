// TypedValue: bytes with their typename, as they travel on the wire.
#pragma once

#include <string>

namespace statefun {

/// A value as the protocol carries it: its typename and its serialized bytes. `has_value`
/// tells a zero value (empty bytes, has_value=true) apart from no value at all.
struct TypedValue {
  std::string type_name;
  bool has_value = false;
  std::string value;

  friend bool operator==(const TypedValue&, const TypedValue&) = default;
};

}  // namespace statefun
