// Address and TypedValue, the two messages both directions of the protocol carry, as views
// into message bytes, and how they are written.
// Part of statefun::wire, an internal target: not installed, not an API.
#pragma once

#include <cstdint>
#include <string_view>

namespace statefun::wire {

/// request-reply.proto's Address; `present` tells an absent field from an empty message.
struct AddressView {
  std::string_view ns;
  std::string_view type;
  std::string_view id;
  bool present = false;
};

/// request-reply.proto's TypedValue; `present` tells an absent field from an empty message.
struct TypedValueView {
  std::string_view type_name;
  bool has_value = false;
  std::string_view value;
  bool present = false;
};

/// Writes `address` as field `field` of the message `out` encodes, unless it is absent.
template <typename Out>
void write_address(Out& out, std::uint32_t field, const AddressView& address) {
  if (address.present) {
    out.message(field, [&](auto& a) {
      a.string(1, address.ns);
      a.string(2, address.type);
      a.string(3, address.id);
    });
  }
}

/// Writes `value` as field `field` of the message `out` encodes, unless it is absent.
template <typename Out>
void write_typed_value(Out& out, std::uint32_t field, const TypedValueView& value) {
  if (value.present) {
    out.message(field, [&](auto& v) {
      v.string(1, value.type_name);
      v.varint(2, value.has_value ? 1 : 0);
      v.string(3, value.value);
    });
  }
}

}  // namespace statefun::wire
