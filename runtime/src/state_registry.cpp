// Registering the state specs a function asked for.
#include "state_registry.hpp"

namespace statefun::runtime::detail {

StateRegistry::Outcome StateRegistry::register_state(const std::string& name,
                                                     std::string_view type_name,
                                                     const Expiration& expiration) {
  const std::string_view type = effective_type(type_name);
  if (const RegisteredState* known = find(name); known != nullptr) {
    return known->type_name == type ? Outcome::known : Outcome::type_mismatch;
  }
  specs_.push_back({name, std::string(type), expiration});
  return Outcome::registered;
}

const RegisteredState* StateRegistry::find(std::string_view name) const noexcept {
  for (const RegisteredState& spec : specs_) {
    if (spec.name == name) {
      return &spec;
    }
  }
  return nullptr;
}

}  // namespace statefun::runtime::detail
