// StoredValues: the state values of one address, with their expiration, as Flink's keyed state
// with TTL keeps them (processing time; an expired value is never returned).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <statefun/clock.hpp>

#include "state_registry.hpp"

namespace statefun::runtime::detail {

/// The values of one address, by the index of their spec in the function type's StateRegistry
/// (specs are only ever appended, so an index stays the spec's).
class StoredValues {
 public:
  /// A stored value: its bytes and when its expiration timer last restarted.
  struct Value {
    std::string bytes;
    Clock::time_point stamp;
  };

  /// The state a request for this address carries, into `out`: for every registered spec of
  /// `registry`, in its order, its value's bytes (typed as registered) or nullptr when it has
  /// none or it expired (the request then carries the bare name). Every request reads every
  /// value, which restarts the timer of the after-call ones. The pointers are valid until the
  /// values change.
  void attach(const StateRegistry& registry,
              Clock::time_point now,
              std::vector<const std::string*>& out);

  /// A MODIFY of the spec at `index`: stores `bytes` (its timer restarts).
  void modify(std::size_t index, std::string_view bytes, Clock::time_point now);

  /// A DELETE of the spec at `index`.
  void remove(std::size_t index) noexcept;

  /// The value of the spec at `index` of `registry` if it has one that has not expired, without
  /// reading it (inspection).
  const Value* peek(const StateRegistry& registry, std::size_t index, Clock::time_point now) const;

 private:
  static bool expired(const Value& value, const Expiration& expiration, Clock::time_point now);

  std::vector<std::optional<Value>> values_;  // by spec index; shorter when the last have none
};

}  // namespace statefun::runtime::detail
