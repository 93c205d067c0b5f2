// ToFunction read in place (PROTOCOL.md 1.2), within limits on its repeated fields.
#include <functional>
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

/// Reads one InvocationBatchRequest (the batch may occur more than once: its fields merge).
class BatchReader {
 public:
  explicit BatchReader(const ToFunctionLimits& limits) : limits_(limits) {}

  bool operator()(std::string_view bytes, ToFunctionView& out, std::size_t& unknown) {
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
          if (out.state.size() == limits_.max_state_entries) {
            return exceeded(ToFunctionParse::too_many_state_entries);
          }
          return read_message(r, out.state.emplace_back(), unknown, parse_state);
        case f::kInvocations:
          if (out.invocations.size() == limits_.max_invocations) {
            return exceeded(ToFunctionParse::too_many_invocations);
          }
          return read_message(r, out.invocations.emplace_back(), unknown, parse_invocation);
        default:
          return std::nullopt;
      }
    });
  }

  /// ok, or the limit that stopped the reading.
  ToFunctionParse verdict() const noexcept { return verdict_; }

 private:
  bool exceeded(ToFunctionParse limit) noexcept {
    verdict_ = limit;
    return false;
  }

  const ToFunctionLimits& limits_;
  ToFunctionParse verdict_ = ToFunctionParse::ok;
};

}  // namespace

ToFunctionParse parse_to_function(std::string_view bytes,
                                  ToFunctionView& out,
                                  const ToFunctionLimits& limits) {
  out.has_batch = false;
  out.target = {};
  out.state.clear();
  out.invocations.clear();
  out.unknown_fields = 0;
  BatchReader batch(limits);
  const bool valid =
      for_each_field(bytes, out.unknown_fields, [&](Reader& r, Tag tag) -> std::optional<bool> {
        if (tag.field != to_function_field::kInvocation || !is_length_delimited(tag)) {
          return std::nullopt;
        }
        return read_message(r, out, out.unknown_fields, std::ref(batch));
      });
  if (valid) {
    return ToFunctionParse::ok;
  }
  return batch.verdict() == ToFunctionParse::ok ? ToFunctionParse::malformed : batch.verdict();
}

}  // namespace statefun::wire
