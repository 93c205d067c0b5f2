// Parametrized cases: a table of values substituted into a case, one test per row.
#pragma once

#include <string>
#include <vector>

#include "source_tree.hpp"

namespace statefun::cases::detail {

/// A case with one row of parameters substituted, and its id.
struct CaseInstance {
  std::string id;
  SourceNode node;
};

/// The instances of a case map. Without `params`, the case itself with id `name`. With
/// `params` (a list of rows, each a map of name -> value; or a map of name -> list of values,
/// meaning every combination), one instance per row with id `name[k=v,...]`, or `name[ID]`
/// when the case has an `id` template. Every `${k}` in the case's values is replaced: a value
/// that is exactly `${k}` becomes the row's value with its type (a number stays a number), a
/// longer text gets the value's text; `$${` is a literal `${`. The `params` and `id` keys are
/// removed from the instances. Throws TestFileError for an unknown parameter.
std::vector<CaseInstance> expand_parameters(const SourceNode& case_node, const std::string& name);

}  // namespace statefun::cases::detail
