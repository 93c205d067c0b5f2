// Session: calls functions the way the Flink runtime does, keeping their state between calls.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <statefun/testkit/client.hpp>

namespace statefun::testkit {

/// A runtime-like session over a Client (PROTOCOL.md 3.1-3.3):
/// - the state specs a function type asks for (IncompleteInvocationContext) are registered for
///   that type, and the same invocations are re-sent with every registered name attached;
/// - every later request for any address of that type carries every registered name, with
///   the address's value or bare when it has none;
/// - the mutations of each answer are applied to the address's state.
/// Like the runtime, it fails (statefun::Error errc::invalid_value) when a function modifies an
/// unregistered state, uses another typename than the registered one, or re-registers a name
/// with another type. Expiration is not emulated.
///
/// Example:
///   Session session(client);
///   for (int i = 0; i < 3; ++i) {
///     session.send(Address("example/person", "George"), greet);
///   }
///   assert(*session.value(Address("example/person", "George"), "visits") ==
///          TypedValue(protocol::make_typed_value("io.statefun.types/int", 3)));
class Session {
 public:
  explicit Session(Client& client) : client_(client) {}

  /// Sends one batch to `target`, resolving missing state first. Returns the final answer
  /// (an invocation result). Throws CallError, or statefun::Error for a runtime rule broken.
  protocol::Response send(const Address& target,
                          const std::vector<protocol::Invocation>& invocations);

  /// Sends one message.
  protocol::Response send(const Address& target,
                          TypedValue argument,
                          std::optional<Address> caller = std::nullopt) {
    return send(target,
                std::vector<protocol::Invocation>{{std::move(caller), std::move(argument)}});
  }

  /// The value `name` holds for `address`, or nullopt.
  std::optional<TypedValue> value(const Address& address, const std::string& name) const;

  /// Sets (or, with nullopt, clears) a state value, registering the name for the type.
  void set_value(const Address& address, const std::string& name, std::optional<TypedValue> value);

  /// The state the next request to `address` would carry.
  std::vector<protocol::StateEntry> state_for(const Address& address) const;

  /// How many requests the session has sent (resends for missing state included).
  int requests_sent() const noexcept { return requests_sent_; }

 private:
  void register_missing(const Address& target, const protocol::Response& response);
  void apply_mutations(const Address& target, const protocol::Response& response);

  Client& client_;
  std::map<std::string, std::map<std::string, std::string>>
      registered_;                                                   // type -> name -> typename
  std::map<std::string, std::map<std::string, TypedValue>> values_;  // address -> name -> value
  int requests_sent_ = 0;
};

}  // namespace statefun::testkit
