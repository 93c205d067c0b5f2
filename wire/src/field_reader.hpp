// The pieces every message reader of statefun::wire is made of: one loop over the fields of a
// message, and readers for strings, bytes, bools, integers and embedded messages that follow
// protobuf's parsing rules (PROTOCOL.md 1.2):
// - unknown fields, and known fields with another wire type, are skipped (and counted);
// - the last value of a scalar wins; repeated occurrences of an embedded message merge;
// - string fields must be valid UTF-8.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include <statefun/wire/reader.hpp>
#include <statefun/wire/utf8.hpp>
#include <statefun/wire/values.hpp>

namespace statefun::wire::fields {

/// Runs `field(reader, tag)` for every field of a message. `field` returns nullopt for a field
/// it does not know (then skipped and counted in `unknown`) or the success of reading it.
template <typename FieldFn>
bool for_each_field(std::string_view bytes, std::size_t& unknown, FieldFn field) {
  Reader reader(bytes);
  while (!reader.done()) {
    const auto tag = reader.tag();
    if (!tag || tag->type == WireType::end_group) {
      return false;
    }
    const std::optional<bool> known = field(reader, *tag);
    if (known) {
      if (!*known) {
        return false;
      }
      continue;
    }
    ++unknown;
    if (!reader.skip(tag->type, tag->field)) {
      return false;
    }
  }
  return true;
}

inline bool is_length_delimited(Tag tag) noexcept {
  return tag.type == WireType::length_delimited;
}

/// A string field: length-delimited and valid UTF-8.
inline bool read_string(Reader& reader, std::string_view& out) noexcept {
  const auto bytes = reader.length_delimited();
  if (!bytes || !is_valid_utf8(*bytes)) {
    return false;
  }
  out = *bytes;
  return true;
}

/// A bytes field.
inline bool read_bytes(Reader& reader, std::string_view& out) noexcept {
  const auto bytes = reader.length_delimited();
  if (!bytes) {
    return false;
  }
  out = *bytes;
  return true;
}

/// A bool field (any non-zero varint is true).
inline bool read_bool(Reader& reader, bool& out) noexcept {
  const auto value = reader.varint();
  if (!value) {
    return false;
  }
  out = *value != 0;
  return true;
}

/// An int64 field, or an enum (int32: the value is truncated as protobuf does).
template <typename Int>
bool read_int(Reader& reader, Int& out) noexcept {
  const auto value = reader.varint();
  if (!value) {
    return false;
  }
  out = static_cast<Int>(*value);
  return true;
}

/// An embedded message occurrence, merged into `out` by `parse(bytes, out, unknown)`.
template <typename T, typename ParseFn>
bool read_message(Reader& reader, T& out, std::size_t& unknown, ParseFn parse) {
  const auto bytes = reader.length_delimited();
  return bytes && parse(*bytes, out, unknown);
}

/// Merges an Address message into `out`.
bool parse_address(std::string_view bytes, AddressView& out, std::size_t& unknown) noexcept;

/// Merges a TypedValue message into `out`.
bool parse_typed_value(std::string_view bytes, TypedValueView& out, std::size_t& unknown) noexcept;

}  // namespace statefun::wire::fields
