#include <utility>

#include <statefun/error.hpp>
#include <statefun/storage.hpp>

namespace statefun {

namespace {

/// The cell declared for `spec` (const or not).
template <typename Cells>
auto& find_cell(Cells& cells, const ValueSpecBase& spec) {
  for (auto& c : cells) {
    if (c.spec->name() == spec.name()) {
      if (c.spec->type_name() != spec.type_name()) {
        throw Error(errc::type_mismatch,
                    "state '" + spec.name() + "' is declared as " + c.spec->type_name().str() +
                        ", not " + spec.type_name().str());
      }
      return c;
    }
  }
  throw Error(errc::undeclared_state,
              "state '" + spec.name() + "' was not declared when the function was bound");
}

}  // namespace

Storage::Cell& Storage::cell(const ValueSpecBase& spec) {
  return find_cell(cells_, spec);
}

const std::string* Storage::read(const ValueSpecBase& spec) const {
  const Cell& c = find_cell(cells_, spec);
  if (c.foreign_type_name) {
    throw Error(errc::type_mismatch,
                "state '" + spec.name() + "' holds a value of type '" + *c.foreign_type_name +
                    "', but is declared as " + spec.type_name().str());
  }
  return c.value ? &*c.value : nullptr;
}

void Storage::write(const ValueSpecBase& spec, std::optional<std::string> bytes) {
  Cell& c = cell(spec);
  c.value = std::move(bytes);
  c.foreign_type_name.reset();
  c.dirty = true;
}

}  // namespace statefun
