
#include <optional>

#include <statefun/wire/to_function.hpp>

#include "field_reader.hpp"

namespace statefun::wire {

namespace {

using fields::for_each_field;
using fields::is_length_delimited;
using fields::read_message;

bool parse_state(std::string_view bytes, StateView& out, std::size_t& unknown) {
  return for_each_field(bytes, unknown, [&](Reader& r, Tag tag) -> std::optional<bool> {
    if (!is_length_delimited(tag)) {
      return std::nullopt;
    }
    if (tag.field == 1) {
      return fields::read_string(r, out.name);
    }
    if (tag.field == 2) {
      return read_message(r, out.value, unknown, fields::parse_typed_value);
    }
    return std::nullopt;
  });
}

bool parse_invocation(std::string_view bytes, InvocationView& out, std::size_t& unknown) {
  return for_each_field(bytes, unknown, [&](Reader& r, Tag tag) -> std::optional<bool> {
    if (!is_length_delimited(tag)) {
      return std::nullopt;
    }
    if (tag.field == 1) {
      return read_message(r, out.caller, unknown, fields::parse_address);
    }
    if (tag.field == 2) {
      return read_message(r, out.argument, unknown, fields::parse_typed_value);
    }
    return std::nullopt;
  });
}

bool parse_batch(std::string_view bytes, ToFunctionView& out, std::size_t& unknown) {
  namespace f = to_function_field;
  out.has_batch = true;
  return for_each_field(bytes, unknown, [&](Reader& r, Tag tag) -> std::optional<bool> {
    if (!is_length_delimited(tag)) {
      return std::nullopt;
    }
    switch (tag.field) {
      case f::kTarget:
        return read_message(r, out.target, unknown, fields::parse_address);
      case f::kState:
        return read_message(r, out.state.emplace_back(), unknown, parse_state);
      case f::kInvocations:
        return read_message(r, out.invocations.emplace_back(), unknown, parse_invocation);
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
  out.unknown_fields = 0;
  return for_each_field(bytes, out.unknown_fields, [&](Reader& r, Tag tag) -> std::optional<bool> {
    if (tag.field != to_function_field::kInvocation || !is_length_delimited(tag)) {
      return std::nullopt;
    }
    return read_message(r, out, out.unknown_fields, parse_batch);
  });
}

}  // namespace statefun::wire
