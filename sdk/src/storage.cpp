#include <statefun/error.hpp>
#include <statefun/storage.hpp>

namespace statefun {

namespace {

template <typename Cells>
auto* find_cell(Cells& cells, const ValueSpecBase& spec) {
  for (auto& c : cells) {
    if (c.spec->name() == spec.name()) {
      if (c.spec->type_name() != spec.type_name()) {
        throw Error(errc::type_mismatch,
                    "state '" + spec.name() + "' is declared as " + c.spec->type_name().str() +
                        ", not " + spec.type_name().str());
      }
      return &c;
    }
  }
  throw Error(errc::undeclared_state,
              "state '" + spec.name() + "' was not declared when the function was bound");
}

}  // namespace

detail::StateCell& Storage::cell(const ValueSpecBase& spec) {
  return *find_cell(cells_, spec);
}

const detail::StateCell& Storage::readable_cell(const ValueSpecBase& spec) const {
  const detail::StateCell& c = *find_cell(cells_, spec);
  if (!c.mismatched_type_name.empty()) {
    throw Error(errc::type_mismatch,
                "state '" + spec.name() + "' holds a value of type '" + c.mismatched_type_name +
                    "', but is declared as " + spec.type_name().str());
  }
  return c;
}

void Storage::remove(const ValueSpecBase& spec) {
  detail::StateCell& c = cell(spec);
  c.value.clear();
  c.has_value = false;
  c.dirty = true;
  c.mismatched_type_name.clear();
}

}  // namespace statefun
