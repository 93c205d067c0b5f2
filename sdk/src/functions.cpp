#include <set>
#include <utility>

#include <statefun/error.hpp>
#include <statefun/functions.hpp>

namespace statefun {

StatefulFunctions& StatefulFunctions::bind(TypeName type,
                                           std::vector<ValueSpecBase> value_specs,
                                           StatefulFunction function) {
  if (!function) {
    throw Error(errc::invalid_argument, "bind " + type.str() + ": the function is empty");
  }
  if (functions_.contains(type.str())) {
    throw Error(errc::invalid_argument, "bind " + type.str() + ": the type is bound already");
  }
  std::set<std::string_view> names;
  for (const auto& spec : value_specs) {
    if (!names.insert(spec.name()).second) {
      throw Error(errc::invalid_value_spec,
                  "bind " + type.str() + ": state '" + spec.name() + "' is declared twice");
    }
  }
  auto key = type.str();
  functions_.emplace(
      std::move(key),
      StatefulFunctionSpec{std::move(type), std::move(value_specs), std::move(function)});
  return *this;
}

const StatefulFunctionSpec* StatefulFunctions::find(std::string_view ns,
                                                    std::string_view type) const {
  // The key is built in a reused per-thread buffer: no allocation per request.
  thread_local std::string key;
  key.assign(ns).append(1, '/').append(type);
  const auto found = functions_.find(std::string_view(key));
  return found == functions_.end() ? nullptr : &found->second;
}

std::vector<const StatefulFunctionSpec*> StatefulFunctions::all() const {
  std::vector<const StatefulFunctionSpec*> result;
  result.reserve(functions_.size());
  for (const auto& [name, spec] : functions_) {
    result.push_back(&spec);
  }
  return result;
}

}  // namespace statefun
