// Request: a ToFunction as plain data, its encoding and decoding, and a fluent builder.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <statefun/address.hpp>
#include <statefun/typed_value.hpp>
#include <statefun/types.hpp>

namespace statefun::protocol {

/// One message in a batch: its argument and, unless it came from an ingress, its caller.
struct Invocation {
  std::optional<Address> caller;
  TypedValue argument;

  friend bool operator==(const Invocation&, const Invocation&) = default;
};

/// A state value the request carries. `value` is nullopt when the state is present without a
/// value (the runtime sends a bare name for a registered state that has no value).
struct StateEntry {
  std::string name;
  std::optional<TypedValue> value;

  friend bool operator==(const StateEntry&, const StateEntry&) = default;
};

/// A ToFunction invocation batch: target, attached state, invocations in order.
struct Request {
  Address target;
  std::vector<StateEntry> state;
  std::vector<Invocation> invocations;

  friend bool operator==(const Request&, const Request&) = default;
};

/// The ToFunction bytes of `request`.
std::string encode_request(const Request& request);

/// The Request in ToFunction bytes. Throws statefun::Error(errc::malformed_request) when the
/// bytes do not parse or hold no invocation batch.
Request decode_request(std::string_view bytes);

/// Builds a Request fluently.
///
/// Example:
///   const Request request = RequestBuilder("example/greeter/George")
///                               .with_invocation(greet_request_type, {{"name", "George"}})
///                               .build();
///   const Request person = RequestBuilder(Address("example/person", "George"))
///                              .with_state("visits", int_type(), 2)
///                              .with_invocation(greet_request_type, {{"name", "George"}}, caller)
///                              .build();
class RequestBuilder {
 public:
  /// `target` is "namespace/type/id".
  explicit RequestBuilder(std::string_view target) : request_{Address::parse(target), {}, {}} {}

  explicit RequestBuilder(Address target) : request_{std::move(target), {}, {}} {}

  /// A state value.
  template <typename T>
  RequestBuilder& with_state(std::string name,
                             const Type<T>& type,
                             const std::type_identity_t<T>& value) {
    return with_state(std::move(name),
                      TypedValue{type.type_name().str(), true, type.serialize(value)});
  }

  RequestBuilder& with_state(std::string name, TypedValue value) {
    request_.state.push_back({std::move(name), std::move(value)});
    return *this;
  }

  /// A state that is present but has no value.
  RequestBuilder& with_empty_state(std::string name) {
    request_.state.push_back({std::move(name), std::nullopt});
    return *this;
  }

  /// An invocation whose argument is `value` of `type`.
  template <typename T>
  RequestBuilder& with_invocation(const Type<T>& type,
                                  const std::type_identity_t<T>& value,
                                  std::optional<Address> caller = std::nullopt) {
    return with_invocation(TypedValue{type.type_name().str(), true, type.serialize(value)},
                           std::move(caller));
  }

  RequestBuilder& with_invocation(TypedValue argument,
                                  std::optional<Address> caller = std::nullopt) {
    request_.invocations.push_back({std::move(caller), std::move(argument)});
    return *this;
  }

  const Request& build() const noexcept { return request_; }

  /// The ToFunction bytes.
  std::string bytes() const { return encode_request(request_); }

 private:
  Request request_;
};

}  // namespace statefun::protocol
