// An address's state values: attached to requests, changed by mutations, expired by TTL.
#include "stored_values.hpp"

namespace statefun::runtime::detail {

bool StoredValues::expired(const Value& value,
                           const Expiration& expiration,
                           Clock::time_point now) {
  // Flink's TtlUtils.expired: the expiration timestamp (last access + TTL) is not after now
  return expiration.mode != Expiration::Mode::none && value.stamp + expiration.duration <= now;
}

void StoredValues::attach(const StateRegistry& registry,
                          Clock::time_point now,
                          std::vector<const std::string*>& out) {
  out.clear();
  const std::vector<RegisteredState>& specs = registry.specs();
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const std::string* bytes = nullptr;
    if (i < values_.size() && values_[i]) {
      Value& value = *values_[i];
      if (expired(value, specs[i].expiration, now)) {
        values_[i].reset();
      } else {
        if (specs[i].expiration.mode == Expiration::Mode::after_call) {
          value.stamp = now;
        }
        bytes = &value.bytes;
      }
    }
    out.push_back(bytes);
  }
}

void StoredValues::modify(std::size_t index, std::string_view bytes, Clock::time_point now) {
  if (index >= values_.size()) {
    values_.resize(index + 1);
  }
  if (values_[index]) {
    values_[index]->bytes.assign(bytes);
    values_[index]->stamp = now;
  } else {
    values_[index].emplace(Value{std::string(bytes), now});
  }
}

void StoredValues::remove(std::size_t index) noexcept {
  if (index < values_.size()) {
    values_[index].reset();
  }
}

const StoredValues::Value* StoredValues::peek(const StateRegistry& registry,
                                              std::size_t index,
                                              Clock::time_point now) const {
  if (index >= values_.size() || !values_[index] ||
      expired(*values_[index], registry.specs()[index].expiration, now)) {
    return nullptr;
  }
  return &*values_[index];
}

}  // namespace statefun::runtime::detail
