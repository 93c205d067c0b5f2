// CaseFilter: which cases `sft test -k` selects.
#pragma once

#include <memory>
#include <string_view>

namespace statefun::cases {

/// A `-k` expression, as pytest has them: words matched case-insensitively as substrings of
/// "file::id", combined with `and`, `or`, `not` and parentheses.
///
/// Example:
///   CaseFilter f = CaseFilter::parse("greet and not edge");
///   assert(f.matches("greeter.test.yaml::greet[visits=3]"));
class CaseFilter {
 public:
  /// Throws std::invalid_argument with the reason for a malformed expression.
  static CaseFilter parse(std::string_view expression);

  /// Whether `name` ("file::id") is selected; an empty expression selects everything.
  bool matches(std::string_view name) const;

  /// A node of the parsed expression (defined in case_filter.cpp).
  struct Node;

 private:
  std::shared_ptr<const Node> root_;
};

}  // namespace statefun::cases
