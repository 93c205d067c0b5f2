// Parsing YAML into SourceNode and resolving plain scalars (YAML 1.2 core schema).
#include "source_tree.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <regex>
#include <set>
#include <system_error>

#include <yaml-cpp/yaml.h>

namespace statefun::cases::detail {

namespace {

using nlohmann::json;

SourceLocation location(const YAML::Mark& mark, const SourceLocation& fallback) {
  if (mark.line < 0) {
    return fallback;
  }
  return {fallback.file, mark.line + 1, mark.column + 1};
}

SourceNode convert(const YAML::Node& node, const SourceLocation& fallback);

void convert_map(const YAML::Node& node, SourceNode& out) {
  std::set<std::string> seen;
  for (auto it = node.begin(); it != node.end(); ++it) {
    SourceNode key = convert(it->first, out.where);
    if (!key.is_scalar()) {
      fail(key, "a key must be a plain name, not " + describe(key));
    }
    if (!seen.insert(key.text).second) {
      fail(key, "duplicate key '" + key.text + "'");
    }
    SourceNode value = convert(it->second, key.where);
    if (value.is_null()) {
      value.where = key.where;  // an empty value has no useful position of its own
    }
    out.entries.push_back({std::move(key), std::move(value)});
  }
}

SourceNode convert(const YAML::Node& node, const SourceLocation& fallback) {
  SourceNode out;
  out.where = location(node.Mark(), fallback);
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      out.kind = SourceNode::Kind::scalar;
      out.text = node.Scalar();
      out.quoted = node.Tag() != "?";
      if (node.Tag() == "!regex") {  // sugar for {$regex: text}
        SourceNode pattern = out;
        SourceNode key = out;
        key.text = "$regex";
        out = SourceNode{SourceNode::Kind::map, "", false, {}, {}, pattern.where};
        out.entries.push_back({std::move(key), std::move(pattern)});
      } else if (node.Tag() != "?" && node.Tag() != "!") {
        fail(out, "unknown tag '" + node.Tag() + "' (only !regex is understood)");
      }
      break;
    case YAML::NodeType::Sequence:
      out.kind = SourceNode::Kind::sequence;
      for (const auto& item : node) {
        out.items.push_back(convert(item, out.where));
      }
      break;
    case YAML::NodeType::Map:
      out.kind = SourceNode::Kind::map;
      convert_map(node, out);
      break;
    default:
      break;
  }
  return out;
}

std::optional<json> resolve_integer(const std::string& text) {
  static const std::regex decimal("[-+]?[0-9]+");
  static const std::regex hex("0x[0-9a-fA-F]+");
  static const std::regex octal("0o[0-7]+");
  const char* begin = text.data();
  const char* end = begin + text.size();
  int base = 10;
  if (std::regex_match(text, hex) || std::regex_match(text, octal)) {
    base = text[1] == 'x' ? 16 : 8;
    begin += 2;
  } else if (!std::regex_match(text, decimal)) {
    return std::nullopt;
  }
  if (*begin == '+') {
    ++begin;
  }
  std::int64_t signed_value = 0;
  if (std::from_chars(begin, end, signed_value, base).ec == std::errc{}) {
    return json(signed_value);
  }
  std::uint64_t unsigned_value = 0;
  if (*begin != '-' && std::from_chars(begin, end, unsigned_value, base).ec == std::errc{}) {
    return json(unsigned_value);
  }
  return json(std::stod(text));  // too large for 64 bits: a float, as JSON parsers do
}

std::optional<json> resolve_float(const std::string& text) {
  static const std::regex number("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  static const std::regex infinity("[-+]?\\.(inf|Inf|INF)");
  static const std::regex nan("\\.(nan|NaN|NAN)");
  if (std::regex_match(text, number)) {
    return json(std::stod(text));
  }
  if (std::regex_match(text, infinity)) {
    return json(text[0] == '-' ? -HUGE_VAL : HUGE_VAL);
  }
  if (std::regex_match(text, nan)) {
    return json(std::numeric_limits<double>::quiet_NaN());
  }
  return std::nullopt;
}

json resolve_plain(const std::string& text) {
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
    return nullptr;
  }
  if (text == "true" || text == "True" || text == "TRUE") {
    return true;
  }
  if (text == "false" || text == "False" || text == "FALSE") {
    return false;
  }
  if (auto integer = resolve_integer(text)) {
    return *integer;
  }
  if (auto number = resolve_float(text)) {
    return *number;
  }
  return text;
}

}  // namespace

const SourceNode* SourceNode::find(std::string_view key) const {
  for (const auto& [k, v] : entries) {
    if (k.text == key) {
      return &v;
    }
  }
  return nullptr;
}

SourceNode parse_source(std::string_view text, const std::string& file) {
  const SourceLocation start{file, 1, 1};
  try {
    return convert(YAML::Load(std::string(text)), start);
  } catch (const YAML::Exception& e) {
    SourceNode at;
    at.where = location(e.mark, start);
    fail(at, "invalid YAML: " + e.msg);
  }
}

json to_json(const SourceNode& node) {
  switch (node.kind) {
    case SourceNode::Kind::null:
      return nullptr;
    case SourceNode::Kind::scalar:
      return node.quoted ? json(node.text) : resolve_plain(node.text);
    case SourceNode::Kind::sequence: {
      json out = json::array();
      for (const auto& item : node.items) {
        out.push_back(to_json(item));
      }
      return out;
    }
    case SourceNode::Kind::map: {
      json out = json::object();
      for (const auto& [key, value] : node.entries) {
        out[key.text] = to_json(value);
      }
      return out;
    }
  }
  return nullptr;
}

std::string describe(const SourceNode& node) {
  switch (node.kind) {
    case SourceNode::Kind::null:
      return "nothing";
    case SourceNode::Kind::sequence:
      return "a list";
    case SourceNode::Kind::map:
      return "a map";
    case SourceNode::Kind::scalar:
      break;
  }
  const json value = to_json(node);
  if (value.is_string()) {
    return "the string " + value.dump();
  }
  return (value.is_boolean() ? "the value " : "the number ") + value.dump();
}

[[noreturn]] void fail(const SourceNode& at, const std::string& message) {
  throw TestFileError(at.where, message);
}

}  // namespace statefun::cases::detail
