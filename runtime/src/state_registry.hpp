// StateRegistry: the state specs the runtime has registered for one function type, as Flink's
// PersistedRemoteFunctionValues keeps them (in memory, shared by every id of the type).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <statefun/value_spec.hpp>

namespace statefun::runtime::detail {

/// A registered state: its name, the type every value must have, its expiration.
struct RegisteredState {
  std::string name;
  std::string type_name;
  Expiration expiration;
};

/// The registered specs of one function type, in the order they were registered.
class StateRegistry {
 public:
  /// What registering a missing value did.
  enum class Outcome : std::uint8_t {
    registered,     ///< a new name
    known,          ///< already registered with the same type (a new expiration is ignored)
    type_mismatch,  ///< already registered with another type: the runtime fails the job
  };

  /// The typename the runtime records for a spec that declares none.
  static constexpr std::string_view kUnsetType = "io.statefun.types/unset";

  /// Registers `name` of `type_name` (empty: kUnsetType) unless it is registered already.
  Outcome register_state(std::string_view name,
                         std::string_view type_name,
                         const Expiration& expiration);

  /// The spec of `name`, or nullptr.
  const RegisteredState* find(std::string_view name) const noexcept;

  /// The index of the spec of `name` in specs(), or nullopt.
  std::optional<std::size_t> index_of(std::string_view name) const noexcept;

  const std::vector<RegisteredState>& specs() const noexcept { return specs_; }

  /// The typename a spec of `type_name` is registered under (kUnsetType for an empty one).
  static std::string_view effective_type(std::string_view type_name) noexcept {
    return type_name.empty() ? kUnsetType : type_name;
  }

 private:
  std::vector<RegisteredState> specs_;
};

}  // namespace statefun::runtime::detail
