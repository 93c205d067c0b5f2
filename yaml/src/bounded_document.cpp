// Parsing a YAML document and walking its tree, aliases expanded, within the limits.
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <system_error>

#include <statefun/wire/utf8.hpp>
#include <statefun/yaml/bounded_document.hpp>

namespace statefun::yaml {

namespace {

class BoundsCheck {
 public:
  explicit BoundsCheck(const Limits& limits) : limits_(limits) {}

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
  [[noreturn]] static void fail(const YAML::Node& node, const std::string& message) {
    const YAML::Mark mark = node.Mark();
    if (mark.line < 0) {
      throw Error(message, 0, 0);
    }
    throw Error(message, mark.line + 1, mark.column + 1);
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
  std::size_t nodes_ = 0;
  std::size_t scalar_bytes_ = 0;
};

}  // namespace

YAML::Node parse_bounded(std::string_view text, const Limits& limits) {
  if (text.size() > limits.max_bytes) {
    throw Error("the document is larger than " + std::to_string(limits.max_bytes) + " bytes", 0, 0);
  }
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    if (e.mark.line < 0) {
      throw Error("invalid YAML: " + e.msg, 0, 0);
    }
    throw Error("invalid YAML: " + e.msg, e.mark.line + 1, e.mark.column + 1);
  }
  BoundsCheck(limits).visit(root, 0);
  return root;
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
