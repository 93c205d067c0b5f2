// StoredValues: the state values of one address, with their expiration, as Flink's keyed state
// with TTL keeps them (processing time; an expired value is never returned).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <statefun/clock.hpp>

#include "state_registry.hpp"

namespace statefun::runtime::detail {

class StoredValues {
 public:
  /// A stored value: its bytes and when its expiration timer last restarted.
  struct Value {
    std::string bytes;
    Clock::time_point stamp;
  };

  /// The state a request for this address carries: for every registered spec of `registry`, in
  /// its order, its value's bytes (typed as registered) or nullptr when it has none or it
  /// expired (the request then carries the bare name). Every request reads every value, which
  /// restarts the timer of the after-call ones. The pointers are valid until the values change.
  std::vector<const std::string*> attach(const StateRegistry& registry, Clock::time_point now);

  /// A MODIFY: stores `bytes` under `name` (its timer restarts).
  void modify(const std::string& name, std::string bytes, Clock::time_point now);

  /// A DELETE.
  void remove(const std::string& name) { values_.erase(name); }

  /// The value of `name` if it has one that has not expired, without reading it (inspection).
  const Value* peek(const RegisteredState& spec, Clock::time_point now) const;

  bool empty() const noexcept { return values_.empty(); }

 private:
  static bool expired(const Value& value, const Expiration& expiration, Clock::time_point now);

  std::map<std::string, Value, std::less<>> values_;
};

}  // namespace statefun::runtime::detail
