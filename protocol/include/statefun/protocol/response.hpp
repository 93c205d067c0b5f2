// Response: a FromFunction as plain data, with its encoding and decoding.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <statefun/address.hpp>
#include <statefun/typed_value.hpp>
#include <statefun/value_spec.hpp>

namespace statefun::protocol {

/// A message the function sent (FromFunction.Invocation).
struct SentMessage {
  Address target;
  TypedValue argument;

  friend bool operator==(const SentMessage&, const SentMessage&) = default;
};

/// A delayed message, or (is_cancellation) the cancellation of one: then only the token is set.
struct SentDelayedMessage {
  std::int64_t delay_ms = 0;
  std::optional<Address> target;
  std::optional<TypedValue> argument;
  std::string cancellation_token;
  bool is_cancellation = false;

  friend bool operator==(const SentDelayedMessage&, const SentDelayedMessage&) = default;
};

/// A record sent to an egress.
struct SentEgress {
  std::string egress;  ///< "namespace/type" of the egress
  TypedValue argument;

  friend bool operator==(const SentEgress&, const SentEgress&) = default;
};

/// A state change: MODIFY with a value, or DELETE without.
struct StateMutation {
  enum class Kind { modify, remove };
  Kind kind = Kind::modify;
  std::string name;
  std::optional<TypedValue> value;

  friend bool operator==(const StateMutation&, const StateMutation&) = default;
};

/// A state the function declared but the request lacked (IncompleteInvocationContext).
struct MissingValue {
  std::string name;
  std::string type_name;
  Expiration::Mode expiration_mode = Expiration::Mode::none;
  std::int64_t expire_after_ms = 0;

  friend bool operator==(const MissingValue&, const MissingValue&) = default;
};

/// A FromFunction. `kind` tells which oneof was set; a reply without one means "no effects".
struct Response {
  enum class Kind { empty, invocation_result, incomplete_invocation_context };
  Kind kind = Kind::empty;
  std::vector<SentMessage> messages;
  std::vector<SentDelayedMessage> delayed;
  std::vector<SentEgress> egress;
  std::vector<StateMutation> mutations;
  std::vector<MissingValue> missing_values;

  bool asks_for_state() const noexcept { return kind == Kind::incomplete_invocation_context; }

  friend bool operator==(const Response&, const Response&) = default;
};

/// The Expiration::Mode of a FromFunction ExpirationSpec's mode number (NONE for a number the
/// protocol does not define).
Expiration::Mode expiration_mode(std::int32_t wire_mode) noexcept;

/// The FromFunction bytes of `response`.
std::string encode_response(const Response& response);

/// The Response in FromFunction bytes. Throws statefun::Error(errc::invalid_value) when the
/// bytes do not parse as a FromFunction or hold an invalid address.
Response decode_response(std::string_view bytes);

}  // namespace statefun::protocol
