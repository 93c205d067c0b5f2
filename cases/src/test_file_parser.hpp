// The parts of the test file parser that test_file.cpp and expect_parser.cpp share.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <statefun/cases/test_file.hpp>

#include "parametrize.hpp"
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

/// The TypedValue of a message or state written `{type, value | text | base64}`.
TypedValue read_input_value(MapReader& r, const TypeAliases& types);

/// The bytes of `value` (JSON), `text` or `base64` in `r` (exactly one), as a value of
/// `type_name` (a built-in typename wraps them as the SDKs do).
TypedValue read_value_of_type(MapReader& r, const std::string& type_name);

/// An expected value: `type`, at most one of `value`, `text`, `base64`, and `match`.
ValuePattern read_value_pattern(MapReader& r, const TypeAliases& types);

/// What an expected effect is: which keys it has and how errors name it.
enum class EffectKind { message, delayed, egress, pipeline_message };

/// A list of expected effects of one kind ([] for none).
std::vector<EffectPattern> read_effects(const SourceNode& node,
                                        EffectKind kind,
                                        const TypeAliases& types);

/// The expected states of one address or answer: name -> {type, value} | deleted |
/// unchanged (the last only when `unchanged_allowed`).
std::vector<StatePattern> read_state_patterns(const SourceNode& node,
                                              const TypeAliases& types,
                                              bool unchanged_allowed);

/// The `skip`, `timeout`, `params` and `id` keys every kind of case has.
void read_case_options(MapReader& r,
                       std::optional<std::string>& skip,
                       std::optional<std::chrono::milliseconds>& timeout);

/// Each case of the `cases` list, parameters expanded and ids checked for duplicates.
void read_cases(const SourceNode& cases, const std::function<void(const CaseInstance&)>& read_case);

/// A case of a pipeline file: `send` and `expect` (the whole run's).
PipelineCase read_pipeline_case(const CaseInstance& instance, const TypeAliases& types);

}  // namespace statefun::cases::detail
