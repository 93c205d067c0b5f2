// Registering the state specs a function asked for.
#include "state_registry.hpp"

namespace statefun::runtime::detail {

StateRegistry::Outcome StateRegistry::register_state(std::string_view name,
                                                     std::string_view type_name,
                                                     const Expiration& expiration) {
  const std::string_view type = effective_type(type_name);
  if (const RegisteredState* known = find(name); known != nullptr) {
    return known->type_name == type ? Outcome::known : Outcome::type_mismatch;
  }
  specs_.push_back({std::string(name), std::string(type), expiration});
  return Outcome::registered;
}

const RegisteredState* StateRegistry::find(std::string_view name) const noexcept {
  const std::optional<std::size_t> index = index_of(name);
  return index ? &specs_[*index] : nullptr;
}

std::optional<std::size_t> StateRegistry::index_of(std::string_view name) const noexcept {
  for (std::size_t i = 0; i < specs_.size(); ++i) {
    if (specs_[i].name == name) {
      return i;
    }
  }
  return std::nullopt;
}

}  // namespace statefun::runtime::detail
