// The parts of the test file parser that test_file.cpp and expect_parser.cpp share.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include <statefun/cases/test_file.hpp>

#include "source_tree.hpp"

namespace statefun::cases::detail {

/// The typenames a file may write by a short name: the built-ins (int, long, bool, float,
/// double, string) and the file's `types` map.
class TypeAliases {
 public:
  TypeAliases();

  /// Adds the file's `types: {Alias: namespace/name}`.
  void add(const SourceNode& types);

  /// The typename a `type` node stands for: an alias, or a "namespace/name" written out.
  std::string resolve(const SourceNode& type) const;

 private:
  std::map<std::string, std::string> names_;
};

/// Checks that a node is a "namespace/type/id" address and returns it.
Address read_address(const SourceNode& node, std::string_view what);

/// Checks that a node is a "namespace/name" typename and returns it.
std::string read_type_name(const SourceNode& node, std::string_view what);

/// The `expect` map of a step.
Expectations parse_expectations(const SourceNode& node, const TypeAliases& types);

}  // namespace statefun::cases::detail
