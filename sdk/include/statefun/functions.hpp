// StatefulFunctions: the registry of functions a service serves.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <statefun/context.hpp>
#include <statefun/message.hpp>
#include <statefun/type_name.hpp>
#include <statefun/value_spec.hpp>

namespace statefun {

/// A function: called once per message, in batch order, with the batch's shared context.
using StatefulFunction = std::function<void(Context&, const Message&)>;

/// A registered function: its type, its declared state and its code.
struct StatefulFunctionSpec {
  TypeName type;
  std::vector<ValueSpecBase> value_specs;
  StatefulFunction function;
};

/// The functions a service serves, by function type.
///
/// Example:
///   StatefulFunctions functions;
///   functions.bind("example/person", {visits}, person);
///   functions.bind("example/greeter", {}, greeter);
class StatefulFunctions {
 public:
  /// Registers `function` for `type` with its state. Throws statefun::Error with
  /// errc::invalid_value_spec when two specs share a name, errc::invalid_argument when the type
  /// is bound already or the function is empty.
  StatefulFunctions& bind(TypeName type,
                          std::vector<ValueSpecBase> value_specs,
                          StatefulFunction function);

  /// The function bound to "namespace/type", or nullptr.
  const StatefulFunctionSpec* find(std::string_view ns, std::string_view type) const;

  /// Every registered function, ordered by typename.
  std::vector<const StatefulFunctionSpec*> all() const;

  bool empty() const noexcept { return functions_.empty(); }

 private:
  std::map<std::string, StatefulFunctionSpec, std::less<>> functions_;  // by "ns/name"
};

}  // namespace statefun
