// A YAML or JSON document as a tree that remembers where each node was written, and small
// readers that turn nodes into values with file:line errors.
#pragma once

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <statefun/cases/test_file.hpp>

namespace statefun::cases::detail {

struct SourceEntry;

/// One node of a document. Scalars keep their text; a quoted scalar is always a string, a plain
/// one resolves like YAML 1.2's core schema (null, true/false, integers, floats, else a string).
struct SourceNode {
  enum class Kind { null, scalar, sequence, map };
  Kind kind = Kind::null;
  std::string text;
  bool quoted = false;
  std::vector<SourceNode> items;
  std::vector<SourceEntry> entries;  // of a map, in the order written
  SourceLocation where;

  bool is_null() const noexcept { return kind == Kind::null; }

  bool is_scalar() const noexcept { return kind == Kind::scalar; }

  bool is_map() const noexcept { return kind == Kind::map; }

  bool is_sequence() const noexcept { return kind == Kind::sequence; }

  /// The value of `key` in a map, or nullptr.
  const SourceNode* find(std::string_view key) const;
};

/// One key and its value in a map.
struct SourceEntry {
  SourceNode key;
  SourceNode value;
};

/// Parses YAML (JSON is YAML too). A `!regex` tag turns a scalar into {"$regex": text}.
/// Throws TestFileError for a syntax error, a duplicate key or another tag.
SourceNode parse_source(std::string_view text, const std::string& file);

/// The node as JSON, plain scalars resolved.
nlohmann::json to_json(const SourceNode& node);

/// "a list", "a map", "nothing", "the number 3", "the string \"x\"": for error messages.
std::string describe(const SourceNode& node);

/// Throws TestFileError at the node.
[[noreturn]] void fail(const SourceNode& at, const std::string& message);

/// The text of a scalar (any scalar: `name: 123` is "123"); fails for a map, list or nothing.
std::string read_string(const SourceNode& node, std::string_view what);

/// An integer scalar.
std::int64_t read_integer(const SourceNode& node, std::string_view what);

/// true or false.
bool read_bool(const SourceNode& node, std::string_view what);

/// A duration with a unit: "250ms", "5s", "2m", "1h" (or 0).
std::chrono::milliseconds read_duration(const SourceNode& node, std::string_view what);

/// Reads a map's keys one by one and reports keys nobody asked for, with a suggestion.
class MapReader {
 public:
  /// Fails unless `node` is a map; `what` names it in errors ("a case", "expect").
  MapReader(const SourceNode& node, std::string what);

  /// The value of `key`, or nullptr; `key` becomes a known key.
  const SourceNode* optional(std::string_view key);

  /// The value of `key`; fails when it is absent.
  const SourceNode& required(std::string_view key);

  /// Fails at the first key that was never asked for: "unknown key 'expct' in a case (did you
  /// mean 'expect'?)".
  void finish() const;

  const SourceNode& node() const noexcept { return node_; }

  /// What the map is, as errors name it: "a case", "a step".
  const std::string& what() const noexcept { return what_; }

 private:
  const SourceNode& node_;
  std::string what_;
  std::vector<std::string> known_;
};

/// How many of `nodes` are not null (keys given out of alternatives such as value/text/base64).
std::size_t count_present(std::initializer_list<const SourceNode*> nodes);

/// The closest of `candidates` to `word` within a small edit distance, or "".
std::string closest_word(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace statefun::cases::detail
