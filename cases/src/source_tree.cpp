// Parsing YAML into SourceNode (within statefun::yaml's bounds) and resolving plain scalars.
#include "source_tree.hpp"

#include <set>

#include <statefun/yaml/bounded_document.hpp>
#include <statefun/yaml/plain_scalar.hpp>

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
    return convert(yaml::parse_bounded(text), start);
  } catch (const yaml::Error& e) {
    SourceNode at;
    at.where = {file, e.line(), e.line() > 0 ? e.column() : 0};
    fail(at, e.what());
  }
}

json to_json(const SourceNode& node) {
  switch (node.kind) {
    case SourceNode::Kind::null:
      return nullptr;
    case SourceNode::Kind::scalar:
      if (node.quoted) {
        return node.text;
      }
      try {
        return yaml::resolve_plain(node.text);
      } catch (const yaml::NumberOutOfRange& e) {
        fail(node, e.what());
      }
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
