// Storage: the state of the function instance being invoked.
#pragma once

#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include <statefun/value_spec.hpp>

namespace statefun {

namespace detail {

/// One declared state value during an invocation batch.
struct StateCell {
  const ValueSpecBase* spec = nullptr;
  bool has_value = false;
  bool dirty = false;                ///< written or removed: the reply carries a mutation
  std::string value;                 ///< serialized bytes when has_value
  std::string mismatched_type_name;  ///< the request's typename when it differs from the spec's
};

}  // namespace detail

/// The values a function declared, for the instance being invoked. Writes are visible to
/// the later invocations of the same batch and are sent back as state mutations.
///
/// Example:
///   std::int32_t seen = context.storage().get(visits).value_or(0) + 1;
///   context.storage().set(visits, seen);
///   context.storage().remove(last_message);
class Storage {
 public:
  /// Used by the handler: one cell per declared spec, seeded from the request.
  explicit Storage(std::vector<detail::StateCell> cells) : cells_(std::move(cells)) {}

  /// The current value, or nullopt when there is none. Throws statefun::Error with
  /// errc::undeclared_state for a spec the function did not declare, errc::type_mismatch when
  /// the stored value has another typename, errc::invalid_value when its bytes do not decode.
  template <typename T>
  std::optional<T> get(const ValueSpec<T>& spec) const {
    const detail::StateCell& c = readable_cell(spec);
    if (!c.has_value) {
      return std::nullopt;
    }
    return spec.type().deserialize(c.value);
  }

  /// Stores `value`; the reply will carry a MODIFY mutation.
  template <typename T>
  void set(const ValueSpec<T>& spec, const std::type_identity_t<T>& value) {
    detail::StateCell& c = cell(spec);
    c.value = spec.type().serialize(value);
    c.has_value = true;
    c.dirty = true;
    c.mismatched_type_name.clear();
  }

  /// Removes the value; the reply will carry a DELETE mutation (even if there was no value).
  void remove(const ValueSpecBase& spec);

  /// True when the spec currently has a value.
  bool has(const ValueSpecBase& spec) const { return readable_cell(spec).has_value; }

  /// The cells, in declaration order (for the handler).
  const std::vector<detail::StateCell>& cells() const noexcept { return cells_; }

 private:
  detail::StateCell& cell(const ValueSpecBase& spec);
  const detail::StateCell& readable_cell(const ValueSpecBase& spec) const;

  std::vector<detail::StateCell> cells_;
};

}  // namespace statefun
