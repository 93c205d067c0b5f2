// ToFunction, the runtime's request: read in place (views into the request bytes, no copies,
// no allocation once the vectors have grown) and written from any source. The one codec of
// this direction: the SDK's handler reads with it, the test kit and the load engine write.
// Part of statefun::wire, an internal target: not installed, not an API.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include <statefun/wire/values.hpp>
#include <statefun/wire/writer.hpp>

namespace statefun::wire {

/// ToFunction.PersistedValue: a state name and, unless absent, its value.
struct StateView {
  std::string_view name;
  TypedValueView value;
};

/// ToFunction.Invocation: the caller (absent for an ingress message) and the argument.
struct InvocationView {
  AddressView caller;
  TypedValueView argument;
};

/// ToFunction { oneof request { InvocationBatchRequest invocation = 100; } }.
struct ToFunctionView {
  bool has_batch = false;
  AddressView target;
  std::vector<StateView> state;
  std::vector<InvocationView> invocations;
  std::size_t unknown_fields = 0;  ///< fields skipped because their number or type is unknown
};

/// Bounds on the repeated fields of one ToFunction. Each entry costs a view of about 100 bytes
/// and may take 2 bytes on the wire, so without bounds a request costs 50 times its size.
struct ToFunctionLimits {
  std::size_t max_invocations = std::numeric_limits<std::size_t>::max();
  std::size_t max_state_entries = std::numeric_limits<std::size_t>::max();
};

/// What parse_to_function found.
enum class ToFunctionParse {
  ok,
  malformed,              ///< not a valid ToFunction
  too_many_invocations,   ///< more than ToFunctionLimits::max_invocations (reading stopped there)
  too_many_state_entries  ///< more than ToFunctionLimits::max_state_entries (reading stopped)
};

/// Reads `bytes` into `out` (cleared first, capacity kept) as protobuf would parse them
/// (PROTOCOL.md 1.2): unknown fields skipped, the last scalar wins, repeated embedded messages
/// merge, strings must be valid UTF-8. Stops as soon as `limits` are exceeded.
ToFunctionParse parse_to_function(std::string_view bytes,
                                  ToFunctionView& out,
                                  const ToFunctionLimits& limits);

/// parse_to_function without limits: true when `bytes` are a valid ToFunction.
inline bool parse_to_function(std::string_view bytes, ToFunctionView& out) {
  return parse_to_function(bytes, out, ToFunctionLimits{}) == ToFunctionParse::ok;
}

/// Field numbers of ToFunction.
namespace to_function_field {
inline constexpr std::uint32_t kInvocation = 100;
inline constexpr std::uint32_t kTarget = 1;
inline constexpr std::uint32_t kState = 2;
inline constexpr std::uint32_t kInvocations = 3;
}  // namespace to_function_field

/// Appends the ToFunction `source` describes, byte for byte as protobuf writes it. A Source has
///   AddressView target() const;
///   void for_each_state(F f) const;        // f(const StateView&) for each entry, in order
///   void for_each_invocation(F f) const;   // f(const InvocationView&) for each, in order
/// Each is called twice per pass (the writer measures before it writes).
///
/// Example:
///   struct One {
///     AddressView target() const { return {"example", "greeter", "Ann", true}; }
///     void for_each_state(auto) const {}
///     void for_each_invocation(auto f) const { f(InvocationView{{}, argument}); }
///     TypedValueView argument;
///   };
///   append_to_function(bytes, One{{"io.statefun.types/string", true, "\x0a\x02hi", true}});
template <typename Source>
void append_to_function(std::string& out, const Source& source) {
  namespace f = to_function_field;
  append_message(out, [&](auto& to_function) {
    to_function.message(f::kInvocation, [&](auto& batch) {
      write_address(batch, f::kTarget, source.target());
      source.for_each_state([&](const StateView& state) {
        batch.message(f::kState, [&](auto& entry) {
          entry.string(1, state.name);
          write_typed_value(entry, 2, state.value);
        });
      });
      source.for_each_invocation([&](const InvocationView& invocation) {
        batch.message(f::kInvocations, [&](auto& entry) {
          write_address(entry, 1, invocation.caller);
          write_typed_value(entry, 2, invocation.argument);
        });
      });
    });
  });
}

}  // namespace statefun::wire
