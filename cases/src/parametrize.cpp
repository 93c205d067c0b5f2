#include "parametrize.hpp"

#include <algorithm>
#include <initializer_list>
#include <string_view>
#include <utility>

namespace statefun::cases::detail {

namespace {

using Row = std::vector<std::pair<std::string, SourceNode>>;

const SourceNode* find_param(const Row& row, std::string_view name) {
  for (const auto& [key, value] : row) {
    if (key == name) {
      return &value;
    }
  }
  return nullptr;
}

std::string names_of(const Row& row) {
  std::string out;
  for (const auto& [key, value] : row) {
    out += (out.empty() ? "" : ", ") + key;
  }
  return out;
}

/// The text a value gets inside a longer string or an id.
std::string text_of(const SourceNode& value) {
  return value.is_scalar() ? value.text : to_json(value).dump();
}

const SourceNode& lookup(const Row& row, const SourceNode& at, const std::string& name) {
  const SourceNode* value = find_param(row, name);
  if (value == nullptr) {
    fail(at, "unknown parameter '${" + name + "}' (this case's parameters: " + names_of(row) + ")");
  }
  return *value;
}

/// Replaces the placeholders of one scalar.
SourceNode substitute_scalar(const SourceNode& scalar, const Row& row) {
  const std::string& text = scalar.text;
  if (text.starts_with("${") && text.ends_with("}") &&
      text.find('}') == text.size() - 1) {  // exactly one placeholder: keep the value's type
    SourceNode value = lookup(row, scalar, text.substr(2, text.size() - 3));
    value.where = scalar.where;
    return value;
  }
  SourceNode out = scalar;
  out.text.clear();
  for (std::size_t i = 0; i < text.size();) {
    if (text.compare(i, 3, "$${") == 0) {
      out.text += "${";
      i += 3;
    } else if (text.compare(i, 2, "${") == 0) {
      const std::size_t close = text.find('}', i);
      if (close == std::string::npos) {
        fail(scalar, "unclosed '${' in " + describe(scalar) + " (write $${ for a literal ${)");
      }
      out.text += text_of(lookup(row, scalar, text.substr(i + 2, close - i - 2)));
      out.quoted = true;
      i = close + 1;
    } else {
      out.text += text[i++];
    }
  }
  return out;
}

SourceNode substitute(const SourceNode& node, const Row& row) {
  if (node.is_scalar()) {
    return node.text.find("${") == std::string::npos ? node : substitute_scalar(node, row);
  }
  SourceNode out = node;
  for (auto& item : out.items) {
    item = substitute(item, row);
  }
  for (auto& entry : out.entries) {
    entry.value = substitute(entry.value, row);
  }
  return out;
}

Row read_row(const SourceNode& row_node) {
  if (!row_node.is_map() || row_node.entries.empty()) {
    fail(row_node, "a params row must be a map of name: value, not " + describe(row_node));
  }
  Row row;
  for (const auto& [key, value] : row_node.entries) {
    row.emplace_back(key.text, value);
  }
  return row;
}

/// Every combination of a map of name -> list of values, the first name varying slowest.
std::vector<Row> combinations(const SourceNode& params) {
  std::vector<Row> rows{Row{}};
  for (const auto& [key, values] : params.entries) {
    if (!values.is_sequence() || values.items.empty()) {
      fail(values, "params '" + key.text + "' must be a list of values, not " + describe(values));
    }
    std::vector<Row> next;
    for (const auto& row : rows) {
      for (const auto& value : values.items) {
        next.push_back(row);
        next.back().emplace_back(key.text, value);
      }
    }
    rows = std::move(next);
  }
  return rows;
}

std::vector<Row> read_rows(const SourceNode& params) {
  if (params.is_map() && !params.entries.empty()) {
    return combinations(params);
  }
  if (!params.is_sequence() || params.items.empty()) {
    fail(
        params,
        "params must be a list of rows (maps) or a map of name: [values], not " + describe(params));
  }
  std::vector<Row> rows;
  for (const auto& row : params.items) {
    rows.push_back(read_row(row));
  }
  return rows;
}

std::string row_id(const std::string& name, const Row& row, const SourceNode* id_template) {
  if (id_template != nullptr) {
    return name + "[" + text_of(substitute(*id_template, row)) + "]";
  }
  std::string id;
  for (const auto& [key, value] : row) {
    id += (id.empty() ? "" : ",") + key + "=" + text_of(value);
  }
  return name + "[" + id + "]";
}

SourceNode without_keys(const SourceNode& node, std::initializer_list<std::string_view> keys) {
  SourceNode out = node;
  std::erase_if(out.entries, [&](const auto& entry) {
    return std::find(keys.begin(), keys.end(), entry.key.text) != keys.end();
  });
  return out;
}

}  // namespace

std::vector<CaseInstance> expand_parameters(const SourceNode& case_node, const std::string& name) {
  const SourceNode* params = case_node.find("params");
  const SourceNode* id_template = case_node.find("id");
  if (params == nullptr) {
    if (id_template != nullptr) {
      fail(*id_template, "'id' names the rows of 'params', and this case has none");
    }
    return {{name, case_node}};
  }
  const SourceNode body = without_keys(case_node, {"params", "id", "name"});
  std::vector<CaseInstance> instances;
  for (const auto& row : read_rows(*params)) {
    SourceNode node = substitute(body, row);
    const auto name_entry = std::find_if(case_node.entries.begin(),
                                         case_node.entries.end(),
                                         [](const auto& e) { return e.key.text == "name"; });
    if (name_entry != case_node.entries.end()) {
      node.entries.push_back(*name_entry);
    }
    instances.push_back({row_id(name, row, id_template), std::move(node)});
  }
  return instances;
}

}  // namespace statefun::cases::detail
