
#include <optional>

#include <statefun/wire/from_function.hpp>

#include "field_reader.hpp"

namespace statefun::wire {

namespace {

using fields::for_each_field;
using fields::is_length_delimited;
using fields::read_message;

bool is_varint(Tag tag) noexcept {
  return tag.type == WireType::varint;
}

bool parse_mutation(std::string_view bytes, MutationView& out, std::size_t& unknown) {
  return for_each_field(bytes, unknown, [&](Reader& r, Tag tag) -> std::optional<bool> {
    if (tag.field == 1 && is_varint(tag)) {
      return fields::read_int(r, out.mutation_type);
    }
    if (tag.field == 2 && is_length_delimited(tag)) {
      return fields::read_string(r, out.name);
    }
    if (tag.field == 3 && is_length_delimited(tag)) {
      return read_message(r, out.value, unknown, fields::parse_typed_value);
    }
    return std::nullopt;
  });
}

bool parse_message(std::string_view bytes, OutgoingMessageView& out, std::size_t& unknown) {
  return for_each_field(bytes, unknown, [&](Reader& r, Tag tag) -> std::optional<bool> {
    if (tag.field == 1 && is_length_delimited(tag)) {
      return read_message(r, out.target, unknown, fields::parse_address);
    }
    if (tag.field == 2 && is_length_delimited(tag)) {
      return read_message(r, out.argument, unknown, fields::parse_typed_value);
    }
    return std::nullopt;
  });
}

bool parse_delayed(std::string_view bytes, DelayedInvocationView& out, std::size_t& unknown) {
  return for_each_field(bytes, unknown, [&](Reader& r, Tag tag) -> std::optional<bool> {
    if (tag.field == 1 && is_varint(tag)) {
      return fields::read_int(r, out.delay_ms);
    }
    if (tag.field == 2 && is_length_delimited(tag)) {
      return read_message(r, out.target, unknown, fields::parse_address);
    }
    if (tag.field == 3 && is_length_delimited(tag)) {
      return read_message(r, out.argument, unknown, fields::parse_typed_value);
    }
    if (tag.field == 10 && is_varint(tag)) {
      return fields::read_bool(r, out.is_cancellation);
    }
    if (tag.field == 11 && is_length_delimited(tag)) {
      return fields::read_string(r, out.cancellation_token);
    }
    return std::nullopt;
  });
}

bool parse_egress(std::string_view bytes, EgressMessageView& out, std::size_t& unknown) {
  return for_each_field(bytes, unknown, [&](Reader& r, Tag tag) -> std::optional<bool> {
    if (!is_length_delimited(tag)) {
      return std::nullopt;
    }
    switch (tag.field) {
      case 1:
        return fields::read_string(r, out.egress_namespace);
      case 2:
        return fields::read_string(r, out.egress_type);
      case 3:
        return read_message(r, out.argument, unknown, fields::parse_typed_value);
      default:
        return std::nullopt;
    }
  });
}

bool parse_result(std::string_view bytes, FromFunctionView& out, std::size_t& unknown) {
  namespace f = from_function_field;
  return for_each_field(bytes, unknown, [&](Reader& r, Tag tag) -> std::optional<bool> {
    if (!is_length_delimited(tag)) {
      return std::nullopt;
    }
    switch (tag.field) {
      case f::kMutations:
        return read_message(r, out.mutations.emplace_back(), unknown, parse_mutation);
      case f::kMessages:
        return read_message(r, out.messages.emplace_back(), unknown, parse_message);
      case f::kDelayed:
        return read_message(r, out.delayed.emplace_back(), unknown, parse_delayed);
      case f::kEgress:
        return read_message(r, out.egress.emplace_back(), unknown, parse_egress);
      default:
        return std::nullopt;
    }
  });
}

bool parse_expiration(std::string_view bytes, ExpirationSpecView& out, std::size_t& unknown) {
  out.present = true;
  return for_each_field(bytes, unknown, [&](Reader& r, Tag tag) -> std::optional<bool> {
    if (tag.field == 1 && is_varint(tag)) {
      return fields::read_int(r, out.mode);
    }
    if (tag.field == 2 && is_varint(tag)) {
      return fields::read_int(r, out.expire_after_ms);
    }
    return std::nullopt;
  });
}

bool parse_missing_value(std::string_view bytes, MissingValueView& out, std::size_t& unknown) {
  return for_each_field(bytes, unknown, [&](Reader& r, Tag tag) -> std::optional<bool> {
    if (!is_length_delimited(tag)) {
      return std::nullopt;
    }
    switch (tag.field) {
      case 1:
        return fields::read_string(r, out.name);
      case 2:
        return read_message(r, out.expiration, unknown, parse_expiration);
      case 3:
        return fields::read_string(r, out.type_name);
      default:
        return std::nullopt;
    }
  });
}

bool parse_context(std::string_view bytes, FromFunctionView& out, std::size_t& unknown) {
  return for_each_field(bytes, unknown, [&](Reader& r, Tag tag) -> std::optional<bool> {
    if (tag.field != from_function_field::kMissingValues || !is_length_delimited(tag)) {
      return std::nullopt;
    }
    return read_message(r, out.missing_values.emplace_back(), unknown, parse_missing_value);
  });
}

/// Makes `kind` the set member of the oneof; setting another member clears the previous one.
void select(FromFunctionView& out, FromFunctionView::Kind kind) {
  if (out.kind == kind) {
    return;
  }
  out.kind = kind;
  out.mutations.clear();
  out.messages.clear();
  out.delayed.clear();
  out.egress.clear();
  out.missing_values.clear();
}

}  // namespace

bool parse_from_function(std::string_view bytes, FromFunctionView& out) {
  namespace f = from_function_field;
  using Kind = FromFunctionView::Kind;
  select(out, Kind::empty);
  out.unknown_fields = 0;
  std::size_t& unknown = out.unknown_fields;
  return for_each_field(bytes, unknown, [&](Reader& r, Tag tag) -> std::optional<bool> {
    if (!is_length_delimited(tag)) {
      return std::nullopt;
    }
    if (tag.field == f::kInvocationResult) {
      select(out, Kind::invocation_result);
      return read_message(r, out, unknown, parse_result);
    }
    if (tag.field == f::kIncompleteContext) {
      select(out, Kind::incomplete_invocation_context);
      return read_message(r, out, unknown, parse_context);
    }
    return std::nullopt;
  });
}

}  // namespace statefun::wire
