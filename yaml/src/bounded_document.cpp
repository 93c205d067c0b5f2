// Parsing a YAML document and walking its tree, aliases expanded, within the limits.
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <utility>

#include <statefun/wire/utf8.hpp>
#include <statefun/yaml/bounded_document.hpp>

namespace statefun::yaml {

namespace {

class BoundsCheck {
 public:
  explicit BoundsCheck(const Limits& limits) : limits_(limits) {}

  /// The 0-based line of the document being visited, in its stream.
  void set_first_line(int line) noexcept { first_line_ = line; }

  void visit(const YAML::Node& node, std::size_t depth) {
    if (++nodes_ > limits_.max_nodes) {
      fail(node,
           "the document expands to more than " + std::to_string(limits_.max_nodes) +
               " values (an alias repeated too often?)");
    }
    if (depth > limits_.max_depth) {
      fail(node,
           "values nested deeper than " + std::to_string(limits_.max_depth) +
               " levels (an alias inside its own anchor?)");
    }
    switch (node.Type()) {
      case YAML::NodeType::Scalar:
        scalar(node);
        break;
      case YAML::NodeType::Sequence:
        for (const auto& item : node) {
          visit(item, depth + 1);
        }
        break;
      case YAML::NodeType::Map:
        for (auto it = node.begin(); it != node.end(); ++it) {
          visit(it->first, depth + 1);
          visit(it->second, depth + 1);
        }
        break;
      default:
        break;
    }
  }

 private:
  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const {
    const YAML::Mark mark = node.Mark();
    if (mark.line < 0) {
      throw Error(message, 0, 0);
    }
    throw Error(message, first_line_ + mark.line + 1, mark.column + 1);
  }

  void scalar(const YAML::Node& node) {
    const std::string& text = node.Scalar();
    scalar_bytes_ += text.size();
    if (scalar_bytes_ > limits_.max_expanded_bytes) {
      fail(node,
           "the document expands to more than " + std::to_string(limits_.max_expanded_bytes) +
               " bytes of text (an alias repeated too often?)");
    }
    if (!wire::is_valid_utf8(text)) {
      fail(node, "a value is not valid UTF-8 text");
    }
  }

  const Limits& limits_;
  int first_line_ = 0;
  std::size_t nodes_ = 0;
  std::size_t scalar_bytes_ = 0;
};

}  // namespace

namespace {

void check_size(std::string_view text, const Limits& limits) {
  if (text.size() > limits.max_bytes) {
    throw Error("the document is larger than " + std::to_string(limits.max_bytes) + " bytes", 0, 0);
  }
}

[[noreturn]] void fail_syntax(const YAML::Exception& e, int first_line = 0) {
  if (e.mark.line < 0) {
    throw Error("invalid YAML: " + e.msg, 0, 0);
  }
  throw Error("invalid YAML: " + e.msg, first_line + e.mark.line + 1, e.mark.column + 1);
}

/// Whether `line` is a document marker: `---` or `...` at its start, then a blank or nothing.
bool is_marker(std::string_view line, std::string_view marker) noexcept {
  if (!line.starts_with(marker)) {
    return false;
  }
  if (line.size() == marker.size()) {
    return true;
  }
  const char next = line[marker.size()];
  return next == ' ' || next == '\t' || next == '\r' || next == '\n';
}

/// Whether `line` holds no content: blank, a comment or a directive (`%YAML`, `%TAG`).
bool is_prefix_only(std::string_view line) noexcept {
  const std::size_t first = line.find_first_not_of(" \t\r\n");
  return first == std::string_view::npos || line[first] == '#' || (first == 0 && line[0] == '%');
}

/// Cuts the stream into its documents and calls `on_piece(text, first_line)` for each. A
/// document opens at a `---` line (the blanks, comments and directives before it go with it)
/// or at its first content line, and ends before the next `---` or after a `...` line; a piece
/// with neither a `---` nor content is no document.
template <typename OnPiece>
void split_documents(std::string_view text, OnPiece on_piece) {
  std::size_t piece_start = 0;
  int piece_line = 0;
  bool opened = false;  // by a `---` line
  bool content = false;
  std::size_t at = 0;
  for (int number = 0; at < text.size(); ++number) {
    const std::size_t end = text.find('\n', at);
    const std::size_t next = end == std::string_view::npos ? text.size() : end + 1;
    const std::string_view line = text.substr(at, next - at);
    if (is_marker(line, "---")) {
      if (opened || content) {
        on_piece(text.substr(piece_start, at - piece_start), piece_line);
        piece_start = at;
        piece_line = number;
      }
      opened = true;
      content = false;
    } else if (is_marker(line, "...")) {
      if (opened || content) {
        on_piece(text.substr(piece_start, next - piece_start), piece_line);
      }
      piece_start = next;
      piece_line = number + 1;
      opened = false;
      content = false;
    } else if (!is_prefix_only(line)) {
      content = true;
    }
    at = next;
  }
  if (opened || content) {
    on_piece(text.substr(piece_start), piece_line);
  }
}

}  // namespace

YAML::Node parse_bounded(std::string_view text, const Limits& limits) {
  check_size(text, limits);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    fail_syntax(e);
  }
  BoundsCheck(limits).visit(root, 0);
  return root;
}

std::vector<StreamDocument> parse_bounded_stream(std::string_view text, const Limits& limits) {
  check_size(text, limits);
  std::vector<StreamDocument> documents;
  BoundsCheck check(limits);  // one budget for the whole stream
  split_documents(text, [&](std::string_view piece, int first_line) {
    StreamDocument document{YAML::Node(), first_line};
    try {
      document.root = YAML::Load(std::string(piece));
    } catch (const YAML::Exception& e) {
      fail_syntax(e, first_line);
    }
    check.set_first_line(first_line);
    check.visit(document.root, 0);
    documents.push_back(std::move(document));
  });
  return documents;
}

std::string read_bounded_file(const std::string& path, const Limits& limits) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw Error("cannot read the file: it is a directory", 0, 0);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error("cannot read the file: " + std::generic_category().message(errno), 0, 0);
  }
  std::string text;
  constexpr std::size_t kChunk = std::size_t{64} << 10;
  std::string chunk(kChunk, '\0');
  while (in.read(chunk.data(), static_cast<std::streamsize>(chunk.size())) || in.gcount() > 0) {
    text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
    if (text.size() > limits.max_bytes) {
      throw Error("the file is larger than " + std::to_string(limits.max_bytes) + " bytes", 0, 0);
    }
  }
  if (in.bad()) {
    throw Error("cannot read the file: " + std::generic_category().message(errno), 0, 0);
  }
  return text;
}

}  // namespace statefun::yaml
