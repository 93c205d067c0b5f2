// FromFunction, a function's answer: read in place (views into the answer bytes, no copies, no
// allocation once the vectors have grown) and written from any source. The one codec of this
// direction: the SDK's handler writes with it, the test kit and the load engine read.
// Part of statefun::wire, an internal target: not installed, not an API.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <statefun/wire/values.hpp>
#include <statefun/wire/writer.hpp>

namespace statefun::wire {

/// PersistedValueMutation.MutationType values (an open enum: other numbers may arrive).
inline constexpr std::int32_t kDelete = 0;
inline constexpr std::int32_t kModify = 1;

/// ExpirationSpec.ExpireMode values (an open enum: other numbers may arrive).
inline constexpr std::int32_t kExpireNone = 0;
inline constexpr std::int32_t kExpireAfterWrite = 1;
inline constexpr std::int32_t kExpireAfterInvoke = 2;

/// FromFunction.PersistedValueMutation.
struct MutationView {
  std::int32_t mutation_type = kDelete;
  std::string_view name;
  TypedValueView value;
};

/// FromFunction.Invocation: a message the function sends.
struct OutgoingMessageView {
  AddressView target;
  TypedValueView argument;
};

/// FromFunction.DelayedInvocation: a delayed message, or the cancellation of one.
struct DelayedInvocationView {
  std::int64_t delay_ms = 0;
  AddressView target;
  TypedValueView argument;
  bool is_cancellation = false;
  std::string_view cancellation_token;
};

/// FromFunction.EgressMessage.
struct EgressMessageView {
  std::string_view egress_namespace;
  std::string_view egress_type;
  TypedValueView argument;
};

/// FromFunction.ExpirationSpec; `present` tells an absent spec (the Java SDK's) from NONE.
struct ExpirationSpecView {
  std::int32_t mode = kExpireNone;
  std::int64_t expire_after_ms = 0;
  bool present = false;
};

/// FromFunction.PersistedValueSpec: a state the function declared and the request lacked.
struct MissingValueView {
  std::string_view name;
  ExpirationSpecView expiration;
  std::string_view type_name;
};

/// FromFunction { oneof response { invocation_result = 100; incomplete_invocation_context =
/// 101; } }, the lists of the member that was set.
struct FromFunctionView {
  enum class Kind : std::uint8_t { empty, invocation_result, incomplete_invocation_context };
  Kind kind = Kind::empty;
  std::vector<MutationView> mutations;
  std::vector<OutgoingMessageView> messages;
  std::vector<DelayedInvocationView> delayed;
  std::vector<EgressMessageView> egress;
  std::vector<MissingValueView> missing_values;
  std::size_t unknown_fields = 0;  ///< fields skipped because their number or type is unknown
};

/// Reads `bytes` into `out` (cleared first, capacity kept) as protobuf would parse them
/// (PROTOCOL.md 1.2): unknown fields skipped, the last scalar and the last oneof member win,
/// repeated embedded messages merge, strings must be valid UTF-8. False when they are not a
/// valid FromFunction. Empty bytes are a valid, empty FromFunction.
bool parse_from_function(std::string_view bytes, FromFunctionView& out);

/// Field numbers of FromFunction.
namespace from_function_field {
inline constexpr std::uint32_t kInvocationResult = 100;
inline constexpr std::uint32_t kIncompleteContext = 101;
inline constexpr std::uint32_t kMutations = 1;  ///< of InvocationResponse
inline constexpr std::uint32_t kMessages = 2;
inline constexpr std::uint32_t kDelayed = 3;
inline constexpr std::uint32_t kEgress = 4;
inline constexpr std::uint32_t kMissingValues = 1;  ///< of IncompleteInvocationContext
}  // namespace from_function_field

/// Writes one mutation as protobuf does (a DELETE's type is the default and not written).
template <typename Out>
void write_mutation(Out& out, const MutationView& m) {
  out.message(from_function_field::kMutations, [&](auto& o) {
    o.varint(1, static_cast<std::uint64_t>(static_cast<std::int64_t>(m.mutation_type)));
    o.string(2, m.name);
    write_typed_value(o, 3, m.value);
  });
}

/// Appends FromFunction{invocation_result}, byte for byte as protobuf writes it. A Source has
///   void for_each_mutation(F f) const;  // f(const MutationView&)
///   void for_each_message(F f) const;   // f(const OutgoingMessageView&)
///   void for_each_delayed(F f) const;   // f(const DelayedInvocationView&)
///   void for_each_egress(F f) const;    // f(const EgressMessageView&)
/// each visiting its items in order; each is called twice per pass (measure, then write).
template <typename Source>
void append_invocation_result(std::string& out, const Source& source) {
  namespace f = from_function_field;
  append_message(out, [&](auto& from_function) {
    from_function.message(f::kInvocationResult, [&](auto& result) {
      source.for_each_mutation([&](const MutationView& m) { write_mutation(result, m); });
      source.for_each_message([&](const OutgoingMessageView& m) {
        result.message(f::kMessages, [&](auto& o) {
          write_address(o, 1, m.target);
          write_typed_value(o, 2, m.argument);
        });
      });
      source.for_each_delayed([&](const DelayedInvocationView& d) {
        result.message(f::kDelayed, [&](auto& o) {
          o.varint(1, static_cast<std::uint64_t>(d.delay_ms));
          write_address(o, 2, d.target);
          write_typed_value(o, 3, d.argument);
          o.varint(10, d.is_cancellation ? 1 : 0);
          o.string(11, d.cancellation_token);
        });
      });
      source.for_each_egress([&](const EgressMessageView& e) {
        result.message(f::kEgress, [&](auto& o) {
          o.string(1, e.egress_namespace);
          o.string(2, e.egress_type);
          write_typed_value(o, 3, e.argument);
        });
      });
    });
  });
}

/// Appends FromFunction{incomplete_invocation_context}, byte for byte as protobuf writes it.
/// A Source has `void for_each_missing(F f) const`, calling f(const MissingValueView&) for each
/// missing state in order (twice per pass).
template <typename Source>
void append_incomplete_invocation_context(std::string& out, const Source& source) {
  namespace f = from_function_field;
  append_message(out, [&](auto& from_function) {
    from_function.message(f::kIncompleteContext, [&](auto& context) {
      source.for_each_missing([&](const MissingValueView& missing) {
        context.message(f::kMissingValues, [&](auto& spec) {
          spec.string(1, missing.name);
          if (missing.expiration.present) {
            spec.message(2, [&](auto& e) {
              e.varint(
                  1,
                  static_cast<std::uint64_t>(static_cast<std::int64_t>(missing.expiration.mode)));
              e.varint(2, static_cast<std::uint64_t>(missing.expiration.expire_after_ms));
            });
          }
          spec.string(3, missing.type_name);
        });
      });
    });
  });
}

}  // namespace statefun::wire
