#include <utility>

#include <statefun/error.hpp>
#include <statefun/testkit/test_context.hpp>

namespace statefun::testkit {

namespace {

/// One empty cell per spec.
template <typename Cell>
std::vector<Cell> cells_for(const std::vector<ValueSpecBase>& specs) {
  std::vector<Cell> cells(specs.size());
  for (std::size_t i = 0; i < specs.size(); ++i) {
    cells[i].spec = &specs[i];
  }
  return cells;
}

}  // namespace

TestContext::TestContext(Address self, std::vector<ValueSpecBase> specs)
    : self_(std::move(self)),
      specs_(std::move(specs)),
      storage_(cells_for<Storage::Cell>(specs_)),
      context_(self_, storage_, effects_) {}

void TestContext::seed(const std::string& name, const TypedValue& value) {
  for (Storage::Cell& cell : storage_.cells_) {
    if (cell.spec->name() == name) {
      cell.value = value.has_value ? std::optional(value.value) : std::nullopt;
      cell.foreign_type_name.reset();
      if (value.has_value && value.type_name != cell.spec->type_name().str()) {
        cell.foreign_type_name = value.type_name;
      }
      return;
    }
  }
  throw Error(errc::undeclared_state,
              "state '" + name + "' is not among the specs this TestContext was given");
}

void TestContext::call(const StatefulFunction& function, const Message& message) {
  context_.set_caller(caller_);
  function(context_, message);
}

std::vector<protocol::StateMutation> TestContext::mutations() const {
  std::vector<protocol::StateMutation> result;
  for (const Storage::Cell& cell : storage_.cells_) {
    if (!cell.dirty) {
      continue;
    }
    if (cell.value) {
      result.push_back({protocol::StateMutation::Kind::modify,
                        cell.spec->name(),
                        TypedValue{cell.spec->type_name().str(), true, *cell.value}});
    } else {
      result.push_back({protocol::StateMutation::Kind::remove, cell.spec->name(), std::nullopt});
    }
  }
  return result;
}

void TestContext::clear_effects() {
  effects_ = {};
  for (Storage::Cell& cell : storage_.cells_) {
    cell.dirty = false;
  }
}

}  // namespace statefun::testkit
