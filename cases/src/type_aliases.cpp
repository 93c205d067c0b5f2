// Typenames and addresses in test files.

#include <string>
#include <string_view>
#include <vector>

#include <statefun/error.hpp>
#include <statefun/protocol/request_spec.hpp>

#include "test_file_parser.hpp"

namespace statefun::cases::detail {

TypeAliases::TypeAliases() {
  for (const std::string_view alias : protocol::kBuiltinAliases) {
    names_[std::string(alias)] = protocol::resolve_type_alias(alias);
  }
}

void TypeAliases::add(const SourceNode& types) {
  MapReader r(types, "types");
  for (const auto& [alias, type_name] : types.entries) {
    r.optional(alias.text);
    names_[alias.text] = read_type_name(type_name, "the typename of '" + alias.text + "'");
  }
}

std::string TypeAliases::resolve(const SourceNode& type) const {
  const std::string text = read_string(type, "type");
  if (const auto alias = names_.find(text); alias != names_.end()) {
    return alias->second;
  }
  if (text.find('/') == std::string::npos) {
    std::vector<std::string> known;
    for (const auto& [name, type_name] : names_) {
      known.push_back(name);
    }
    const std::string suggestion = closest_word(text, known);
    fail(type,
         "unknown type '" + text + "': write a typename namespace/name or an alias from 'types'" +
             (suggestion.empty() ? "" : " (did you mean '" + suggestion + "'?)"));
  }
  return read_type_name(type, "type");
}

Address read_address(const SourceNode& node, std::string_view what) {
  const std::string text = read_string(node, what);
  try {
    return Address::parse(text);
  } catch (const Error& e) {
    fail(node, std::string(what) + " must be an address namespace/type/id: " + e.what());
  }
}

std::string read_type_name(const SourceNode& node, std::string_view what) {
  const std::string text = read_string(node, what);
  try {
    return TypeName::parse(text).str();
  } catch (const Error& e) {
    fail(node, std::string(what) + " must be a typename namespace/name: " + e.what());
  }
}

}  // namespace statefun::cases::detail
