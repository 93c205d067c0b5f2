// An address's state values: attached to requests, changed by mutations, expired by TTL.
#include "stored_values.hpp"

#include <optional>
#include <utility>

namespace statefun::runtime::detail {

bool StoredValues::expired(const Value& value,
                           const Expiration& expiration,
                           Clock::time_point now) {
  // Flink's TtlUtils.expired: the expiration timestamp (last access + TTL) is not after now
  return expiration.mode != Expiration::Mode::none && value.stamp + expiration.duration <= now;
}

std::vector<const std::string*> StoredValues::attach(const StateRegistry& registry,
                                                     Clock::time_point now) {
  std::vector<const std::string*> entries;
  entries.reserve(registry.specs().size());
  for (const RegisteredState& spec : registry.specs()) {
    const std::string* bytes = nullptr;
    if (const auto it = values_.find(spec.name); it != values_.end()) {
      if (expired(it->second, spec.expiration, now)) {
        values_.erase(it);
      } else {
        if (spec.expiration.mode == Expiration::Mode::after_call) {
          it->second.stamp = now;
        }
        bytes = &it->second.bytes;
      }
    }
    entries.push_back(bytes);
  }
  return entries;
}

void StoredValues::modify(const std::string& name, std::string bytes, Clock::time_point now) {
  values_.insert_or_assign(name, Value{std::move(bytes), now});
}

const StoredValues::Value* StoredValues::peek(const RegisteredState& spec,
                                              Clock::time_point now) const {
  const auto it = values_.find(spec.name);
  if (it == values_.end() || expired(it->second, spec.expiration, now)) {
    return nullptr;
  }
  return &it->second;
}

}  // namespace statefun::runtime::detail
