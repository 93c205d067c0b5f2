#include "field_reader.hpp"

namespace statefun::wire::fields {

bool parse_address(std::string_view bytes, AddressView& out, std::size_t& unknown) noexcept {
  out.present = true;
  return for_each_field(bytes, unknown, [&](Reader& r, Tag tag) -> std::optional<bool> {
    if (!is_length_delimited(tag) || tag.field > 3) {
      return std::nullopt;
    }
    std::string_view& target = tag.field == 1 ? out.ns : tag.field == 2 ? out.type : out.id;
    return read_string(r, target);
  });
}

bool parse_typed_value(std::string_view bytes, TypedValueView& out, std::size_t& unknown) noexcept {
  out.present = true;
  return for_each_field(bytes, unknown, [&](Reader& r, Tag tag) -> std::optional<bool> {
    if (tag.field == 1 && is_length_delimited(tag)) {
      return read_string(r, out.type_name);
    }
    if (tag.field == 2 && tag.type == WireType::varint) {
      return read_bool(r, out.has_value);
    }
    if (tag.field == 3 && is_length_delimited(tag)) {
      return read_bytes(r, out.value);
    }
    return std::nullopt;
  });
}

}  // namespace statefun::wire::fields
