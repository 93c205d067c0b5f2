// A YAML document from a file nobody vetted, parsed only when it fits the bounds.
// Part of statefun::yaml, an internal target: not installed, not an API.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace statefun::yaml {

/// What a document may cost. yaml-cpp shares the node of an anchor between its aliases, so a
/// small file can stand for a huge tree (`a: &a [*a]` for an endless one, "billion laughs" for
/// 10^9 nodes): the bounds apply to the tree as its readers walk it, aliases expanded.
struct Limits {
  std::size_t max_bytes = std::size_t{16} << 20;           ///< of the text itself
  std::size_t max_depth = 256;                             ///< of nested lists and maps
  std::size_t max_nodes = 200'000;                         ///< aliases expanded
  std::size_t max_expanded_bytes = std::size_t{64} << 20;  ///< of all scalars, aliases expanded
};

/// Why a document was refused, with the 1-based position it concerns (0 when it has none).
class Error : public std::runtime_error {
 public:
  Error(const std::string& message, int line, int column)
      : std::runtime_error(message), line_(line), column_(column) {}

  int line() const noexcept { return line_; }

  int column() const noexcept { return column_; }

 private:
  int line_;
  int column_;
};

/// Parses `text` and checks the whole tree against `limits`, every scalar (keys included)
/// being valid UTF-8. Throws Error for invalid YAML or a bound exceeded; a tree it returns can
/// be walked recursively without further checks.
///
/// Example:
///   const YAML::Node root = parse_bounded("a: [1, 2]\n");
///   assert(root["a"].size() == 2);
YAML::Node parse_bounded(std::string_view text, const Limits& limits = {});

/// One document of a stream. yaml-cpp numbers the lines of each document from its own start:
/// add `first_line` to a Mark's line for its line in the stream.
// NOLINTNEXTLINE(bugprone-exception-escape): YAML::Node's assignment is not noexcept
struct StreamDocument {
  YAML::Node root;
  int first_line = 0;  ///< 0-based, in the stream
};

/// Parses every document of a multi-document stream (documents separated by `---` or ended by
/// `...` lines, as module.yaml is), the bounds applying to the stream as a whole. Errors carry
/// their line in the stream. Throws Error as parse_bounded.
///
/// yaml-cpp's own LoadAll loops forever on some inputs (a stray `,`): the stream is cut at its
/// document markers here instead (YAML 1.2 forbids them at the start of a content line, so they
/// cannot be part of a value), and each document parsed on its own.
///
/// Example:
///   const std::vector<StreamDocument> documents = parse_bounded_stream("a: 1\n---\nb: 2\n");
///   assert(documents.size() == 2 && documents[1].root["b"].as<int>() == 2);
///   assert(documents[1].first_line == 1);
std::vector<StreamDocument> parse_bounded_stream(std::string_view text, const Limits& limits = {});

/// The contents of the file at `path`, at most `limits.max_bytes`. Throws Error (position 0)
/// when it cannot be read, is a directory or is larger.
std::string read_bounded_file(const std::string& path, const Limits& limits = {});

}  // namespace statefun::yaml
