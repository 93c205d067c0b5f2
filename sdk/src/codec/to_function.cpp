#include "codec/to_function.hpp"

#include "codec/utf8.hpp"
#include "detail/wire.hpp"

namespace statefun::detail {

namespace {

using wire::Reader;
using wire::WireType;

/// Reads a string field: length-delimited and valid UTF-8.
bool read_string(Reader& reader, std::string_view& out) {
  const auto bytes = reader.length_delimited();
  if (!bytes || !is_valid_utf8(*bytes)) {
    return false;
  }
  out = *bytes;
  return true;
}

bool read_bytes(Reader& reader, std::string_view& out) {
  const auto bytes = reader.length_delimited();
  if (!bytes) {
    return false;
  }
  out = *bytes;
  return true;
}

bool read_bool(Reader& reader, bool& out) {
  const auto value = reader.varint();
  if (!value) {
    return false;
  }
  out = *value != 0;
  return true;
}

/// Runs `field(reader, tag)` for every field of a message; `field` returns nullopt for a
/// field it does not know (then skipped) or the success of reading it.
template <typename FieldFn>
bool for_each_field(std::string_view bytes, FieldFn field) {
  Reader reader(bytes);
  while (!reader.done()) {
    const auto tag = reader.tag();
    if (!tag || tag->type == WireType::end_group) {
      return false;
    }
    const std::optional<bool> known = field(reader, *tag);
    if (known ? !*known : !reader.skip(tag->type, tag->field)) {
      return false;
    }
  }
  return true;
}

bool is_length_delimited(wire::Tag tag) {
  return tag.type == WireType::length_delimited;
}

/// Reads a (possibly repeated) embedded message occurrence into `out`, merging.
template <typename ParseFn, typename T>
bool read_message(Reader& reader, T& out, ParseFn parse) {
  const auto bytes = reader.length_delimited();
  return bytes && parse(*bytes, out);
}

bool parse_address(std::string_view bytes, AddressView& out) {
  out.present = true;
  return for_each_field(bytes, [&](Reader& r, wire::Tag tag) -> std::optional<bool> {
    if (!is_length_delimited(tag) || tag.field > 3)
      return std::nullopt;
    std::string_view& target = tag.field == 1 ? out.ns : tag.field == 2 ? out.type : out.id;
    return read_string(r, target);
  });
}

bool parse_typed_value(std::string_view bytes, TypedValueView& out) {
  out.present = true;
  return for_each_field(bytes, [&](Reader& r, wire::Tag tag) -> std::optional<bool> {
    if (tag.field == 1 && is_length_delimited(tag))
      return read_string(r, out.type_name);
    if (tag.field == 2 && tag.type == WireType::varint)
      return read_bool(r, out.has_value);
    if (tag.field == 3 && is_length_delimited(tag))
      return read_bytes(r, out.value);
    return std::nullopt;
  });
}

bool parse_state(std::string_view bytes, StateView& out) {
  return for_each_field(bytes, [&](Reader& r, wire::Tag tag) -> std::optional<bool> {
    if (!is_length_delimited(tag))
      return std::nullopt;
    if (tag.field == 1)
      return read_string(r, out.name);
    if (tag.field == 2)
      return read_message(r, out.value, parse_typed_value);
    return std::nullopt;
  });
}

bool parse_invocation(std::string_view bytes, InvocationView& out) {
  return for_each_field(bytes, [&](Reader& r, wire::Tag tag) -> std::optional<bool> {
    if (!is_length_delimited(tag))
      return std::nullopt;
    if (tag.field == 1)
      return read_message(r, out.caller, parse_address);
    if (tag.field == 2)
      return read_message(r, out.argument, parse_typed_value);
    return std::nullopt;
  });
}

bool parse_batch(std::string_view bytes, ToFunctionView& out) {
  out.has_batch = true;
  return for_each_field(bytes, [&](Reader& r, wire::Tag tag) -> std::optional<bool> {
    if (!is_length_delimited(tag))
      return std::nullopt;
    switch (tag.field) {
      case 1:
        return read_message(r, out.target, parse_address);
      case 2:
        return read_message(r, out.state.emplace_back(), parse_state);
      case 3:
        return read_message(r, out.invocations.emplace_back(), parse_invocation);
      default:
        return std::nullopt;
    }
  });
}

}  // namespace

bool parse_to_function(std::string_view bytes, ToFunctionView& out) {
  out.has_batch = false;
  out.target = {};
  out.state.clear();
  out.invocations.clear();
  return for_each_field(bytes, [&](Reader& r, wire::Tag tag) -> std::optional<bool> {
    if (tag.field != 100 || !is_length_delimited(tag))
      return std::nullopt;
    return read_message(r, out, parse_batch);
  });
}

}  // namespace statefun::detail
