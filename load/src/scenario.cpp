#include <charconv>
#include <cstdint>
#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>

#include <statefun/load/scenario.hpp>
#include <statefun/protocol/json_form.hpp>
#include <statefun/yaml/bounded_document.hpp>
#include <statefun/yaml/plain_scalar.hpp>

namespace statefun::load {

namespace {

using nlohmann::json;

/// The server's default limit of invocations per batch (RequestLimits), and a weight bound that
/// keeps the sum of weights far from overflowing.
constexpr std::int64_t kMaxBatch = 10'000;
constexpr std::int64_t kMaxWeight = 1'000'000;

/// The position `mark` names, for errors: "line 3, column 5: ", or nothing.
std::string position(int line, int column) {
  return line > 0 ? "line " + std::to_string(line) + ", column " + std::to_string(column) + ": "
                  : "";
}

/// A tree yaml::parse_bounded checked: its depth is bounded, so is this recursion.
json to_json(const YAML::Node& node) {
  if (node.IsMap()) {
    json object = json::object();
    for (const auto& entry : node) {
      if (!entry.first.IsScalar()) {
        const YAML::Mark mark = entry.first.Mark();
        throw std::invalid_argument(position(mark.line + 1, mark.column + 1) +
                                    "a key must be a plain name");
      }
      object[entry.first.Scalar()] = to_json(entry.second);
    }
    return object;
  }
  if (node.IsSequence()) {
    json array = json::array();
    for (const auto& element : node) {
      array.push_back(to_json(element));
    }
    return array;
  }
  if (!node.IsScalar()) {
    return nullptr;
  }
  if (node.Tag() != "?") {  // quoted (or tagged): the text itself
    return node.Scalar();
  }
  try {
    return yaml::resolve_plain(node.Scalar());  // YAML 1.2 core schema, as sft test files
  } catch (const yaml::NumberOutOfRange& e) {
    const YAML::Mark mark = node.Mark();
    throw std::invalid_argument(position(mark.line + 1, mark.column + 1) + e.what());
  }
}

std::string builtin_type(const std::string& alias) {
  for (const char* name : {"bool", "int", "long", "float", "double", "string"}) {
    if (alias == name) {
      return std::string("io.statefun.types/") + name;
    }
  }
  return alias;
}

std::vector<std::string> strings(const json& value) {
  if (value.is_array()) {
    std::vector<std::string> result;
    for (const auto& v : value) {
      result.push_back(v.is_string() ? v.get<std::string>() : v.dump());
    }
    return result;
  }
  return {value.is_string() ? value.get<std::string>() : value.dump()};
}

void add_arguments(RequestKind& kind, const json& spec) {
  std::string type = builtin_type(spec.value("type", ""));
  for (const char* key : {"json", "text", "int", "long", "bool", "float", "double", "string"}) {
    if (!spec.contains(key)) {
      continue;
    }
    const std::string k = key;
    const bool builtin = k != "json" && k != "text";
    if (builtin) {
      type = builtin_type(k);
    }
    if (type.empty()) {
      throw std::invalid_argument("'" + k +
                                  "' needs 'type' (a typename such as example/GreetRequest)");
    }
    for (const std::string& text : strings(spec.at(key))) {
      const bool quote = k == "string" && !text.starts_with('"');  // a bare word for a string value
      kind.arguments.push_back(
          {type, Template(quote ? json(text).dump() : text), k == "json" || builtin});
    }
    return;
  }
  throw std::invalid_argument(
      "no value: give json, text, int, long, bool, float, double or string");
}

/// The integer `key` of `spec`, 1 when absent; between 1 and `max`.
std::int64_t count(const json& spec, const char* key, std::int64_t max) {
  const auto value = spec.value(key, std::int64_t{1});
  if (value < 1 || value > max) {
    throw std::invalid_argument(std::string(key) + " " + std::to_string(value) +
                                " is not between 1 and " + std::to_string(max));
  }
  return value;
}

RequestKind parse_kind(const json& spec) {
  RequestKind kind;
  const std::string address = spec.at("address").get<std::string>();
  const auto first = address.find('/');
  const auto second = first == std::string::npos ? first : address.find('/', first + 1);
  if (second == std::string::npos) {
    throw std::invalid_argument("address '" + address + "' is not namespace/type/id");
  }
  kind.function_type = address.substr(0, second);
  (void)TypeName(kind.function_type);
  kind.id = Template(address.substr(second + 1));
  kind.name = spec.value("name", address);
  kind.weight = static_cast<unsigned>(count(spec, "weight", kMaxWeight));
  kind.resolve_state = spec.value("resolve_state", false);
  add_arguments(kind, spec);
  const auto batch = count(spec, "batch", kMaxBatch);
  const auto once = kind.arguments;
  for (std::int64_t i = 1; i < batch; ++i) {
    kind.arguments.insert(kind.arguments.end(), once.begin(), once.end());
  }
  if (spec.contains("caller")) {
    kind.caller = Address::parse(spec.at("caller").get<std::string>());
  }
  for (const auto& state : spec.value("state", json::array())) {
    std::optional<TypedValue> value;
    if (state.contains("value")) {
      value = protocol::typed_value_from_json(state.at("value"));
    }
    kind.state.push_back({state.at("name").get<std::string>(), value});
  }
  if (spec.contains("expect")) {
    kind.expect.status = spec.at("expect").value("status", 200);
    if (spec.at("expect").contains("response")) {
      kind.expect.response = spec.at("expect").at("response");
    }
  }
  (void)sample_request(kind);
  return kind;
}

void parse_stages(Scenario& scenario, const json& stages) {
  bool users = false;
  bool rates = false;
  for (const json& stage : stages) {
    users = users || stage.contains("users");
    rates = rates || stage.contains("rate");
    if (!stage.contains("duration") || stage.contains("users") == stage.contains("rate")) {
      throw std::invalid_argument("a stage needs a duration and either users or rate");
    }
    const double target =
        stage.contains("users") ? stage.at("users").get<double>() : stage.at("rate").get<double>();
    scenario.stages.push_back({parse_load_duration(strings(stage.at("duration")).front()), target});
  }
  if (users && rates) {
    throw std::invalid_argument("stages give either users or rate, not both");
  }
  scenario.stage_rates = rates;
}

}  // namespace

Micros parse_load_duration(std::string_view text) {
  double number = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  const std::string_view unit(ptr, text.data() + text.size() - ptr);
  double factor = -1;
  if (unit.empty() || unit == "s") {
    factor = 1e6;
  }
  if (unit == "ms") {
    factor = 1e3;
  }
  if (unit == "us") {
    factor = 1;
  }
  if (unit == "m" || unit == "min") {
    factor = 60e6;
  }
  if (unit == "h") {
    factor = 3600e6;
  }
  if (ec != std::errc() || factor < 0 || number < 0) {
    throw std::invalid_argument("'" + std::string(text) +
                                "' is not a duration such as 500ms, 10s or 2m");
  }
  return Micros(static_cast<std::int64_t>(number * factor));
}

Scenario parse_scenario(const std::string& yaml_text) {
  json document;
  try {
    document = to_json(yaml::parse_bounded(yaml_text));
  } catch (const yaml::Error& e) {
    throw std::invalid_argument(position(e.line(), e.column()) + e.what());
  }
  if (!document.is_object() || !document.contains("requests") ||
      !document.at("requests").is_array()) {
    throw std::invalid_argument("a scenario needs a list 'requests'");
  }
  Scenario scenario;
  scenario.url = document.value("url", "");
  int index = 0;
  for (const json& spec : document.at("requests")) {
    ++index;
    try {
      scenario.kinds.push_back(parse_kind(spec));
    } catch (const std::exception& e) {
      throw std::invalid_argument("request " + std::to_string(index) + ": " + e.what());
    }
  }
  try {
    parse_stages(scenario, document.value("stages", json::array()));
  } catch (const std::exception& e) {
    throw std::invalid_argument(std::string("stages: ") + e.what());
  }
  return scenario;
}

Scenario load_scenario(const std::string& path) {
  std::string text;
  try {
    text = yaml::read_bounded_file(path);
  } catch (const yaml::Error& e) {
    throw std::invalid_argument("'" + path + "': " + e.what());
  }
  return parse_scenario(text);
}

}  // namespace statefun::load
