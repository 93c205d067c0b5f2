// Storage: the state of the function instance being invoked.
#pragma once

#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <statefun/value_spec.hpp>

namespace statefun {

class RequestReplyHandler;

namespace testkit {
class TestContext;
}  // namespace testkit

/// The values a function declared, for the instance being invoked. Writes are visible to
/// the later invocations of the same batch and are sent back as state mutations.
///
/// Example:
///   const std::int32_t seen = context.storage().get(visits).value_or(0) + 1;
///   context.storage().set(visits, seen);
///   context.storage().remove(last_seen);
class Storage {
 public:
  /// The current value, or nullopt when there is none. Throws statefun::Error with
  /// errc::undeclared_state for a spec the function did not declare, errc::type_mismatch when
  /// the stored value has another typename, errc::invalid_value when its bytes do not decode.
  template <typename T>
  std::optional<T> get(const ValueSpec<T>& spec) const {
    const std::string* bytes = read(spec);
    if (bytes == nullptr) {
      return std::nullopt;
    }
    return spec.type().deserialize(*bytes);
  }

  /// Stores `value`; the reply will carry a MODIFY mutation.
  template <typename T>
  void set(const ValueSpec<T>& spec, const std::type_identity_t<T>& value) {
    write(spec, spec.type().serialize(value));
  }

  /// Removes the value; the reply will carry a DELETE mutation (even if there was no value).
  void remove(const ValueSpecBase& spec) { write(spec, std::nullopt); }

  /// True when the spec currently has a value (same errors as get()).
  bool has(const ValueSpecBase& spec) const { return read(spec) != nullptr; }

 private:
  friend class RequestReplyHandler;
  friend class testkit::TestContext;

  /// One declared state value.
  struct Cell {
    const ValueSpecBase* spec = nullptr;
    std::optional<std::string> value;              ///< the serialized bytes, if any
    std::optional<std::string> foreign_type_name;  ///< the value's typename, if not the spec's
    bool dirty = false;  ///< written or removed: the reply carries a mutation
  };

  /// One cell per declared spec, seeded from the request.
  explicit Storage(std::vector<Cell> cells) : cells_(std::move(cells)) {}

  /// The cell of `spec`; throws errc::undeclared_state or errc::type_mismatch.
  Cell& cell(const ValueSpecBase& spec);
  /// The bytes of `spec`'s value or nullptr; throws as get() does.
  const std::string* read(const ValueSpecBase& spec) const;
  /// Stores `bytes` (nullopt removes) and marks the cell dirty.
  void write(const ValueSpecBase& spec, std::optional<std::string> bytes);

  std::vector<Cell> cells_;
};

}  // namespace statefun
