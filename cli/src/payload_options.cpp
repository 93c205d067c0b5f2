#include "payload_options.hpp"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include <statefun/error.hpp>
#include <statefun/protocol/json_form.hpp>

#include "exit_codes.hpp"

namespace statefun::cli {

namespace {

using nlohmann::json;

std::string read_file(const std::string& path, std::string_view what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw UsageError(std::string(what) + ": cannot read '" + path + "'");
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

bool is_builtin(std::string_view type_name) {
  return type_name.starts_with("io.statefun.types/");
}

Address parse_address(const std::string& text, std::string_view flag) {
  try {
    return Address::parse(text);
  } catch (const Error& e) {
    throw UsageError(std::string(flag) + ": " + e.what());
  }
}

/// One kind of value flag, with the typename it implies ("" when --type must give it).
struct ValueFlag {
  const char* name;
  const std::vector<std::string>* values;
  const char* implied_type;
};

std::vector<TypedValue> arguments(const PayloadOptions& o) {
  const ValueFlag flags[] = {{"--json", &o.json, ""},
                             {"--text", &o.text, ""},
                             {"--value-file", &o.value_files, ""},
                             {"--int", &o.ints, "int"},
                             {"--long", &o.longs, "long"},
                             {"--bool", &o.bools, "bool"},
                             {"--float", &o.floats, "float"},
                             {"--double", &o.doubles, "double"},
                             {"--string", &o.strings, "string"}};
  const ValueFlag* chosen = nullptr;
  for (const auto& flag : flags) {
    if (flag.values->empty())
      continue;
    if (chosen != nullptr) {
      throw UsageError(std::string("give one kind of value flag, not both ") + chosen->name +
                       " and " + flag.name);
    }
    chosen = &flag;
  }
  if (chosen == nullptr) {
    throw UsageError(
        "no argument: give --json, --text, --value-file or "
        "--int/--long/--bool/--float/--double/--string");
  }
  std::string type = resolve_type_alias(o.type);
  const std::string implied = resolve_type_alias(chosen->implied_type);
  if (!implied.empty() && !type.empty() && type != implied) {
    throw UsageError(std::string(chosen->name) + " is a " + implied + ", but --type says " + type);
  }
  type = implied.empty() ? type : implied;
  if (type.empty()) {
    throw UsageError(std::string(chosen->name) +
                     " needs --type (a typename such as example/GreetRequest)");
  }
  try {
    (void)TypeName(type);
  } catch (const Error& e) {
    throw UsageError(std::string("--type: ") + e.what());
  }
  std::vector<TypedValue> result;
  for (const std::string& value : *chosen->values) {
    if (chosen->values == &o.value_files) {
      result.push_back({type, true, read_file(value, "--value-file")});
    } else if (chosen->values == &o.text || chosen->values == &o.strings) {
      result.push_back(is_builtin(type) ? json_argument(type, json(value).dump())
                                        : TypedValue{type, true, value});
    } else {
      result.push_back(json_argument(type, value));
    }
  }
  return result;
}

protocol::StateEntry parse_state(const std::string& spec) {
  const auto colon = spec.find(':');
  const auto equals = spec.find('=');
  const std::string name = spec.substr(0, std::min(colon, equals));
  if (name.empty()) {
    throw UsageError("--state '" + spec + "': expected NAME or NAME:TYPE=VALUE");
  }
  if (colon == std::string::npos && equals == std::string::npos) {
    return {name, std::nullopt};  // present without a value
  }
  if (colon == std::string::npos || equals == std::string::npos || equals < colon) {
    throw UsageError("--state '" + spec + "': a value needs its type, as in visits:int=2");
  }
  const std::string type = resolve_type_alias(spec.substr(colon + 1, equals - colon - 1));
  std::string value = spec.substr(equals + 1);
  if (type == "io.statefun.types/string" && json::parse(value, nullptr, false).is_discarded()) {
    value = json(value).dump();  // a bare word for a string state
  }
  try {
    return {name, json_argument(type, value)};
  } catch (const UsageError& e) {
    throw UsageError("--state '" + spec + "': " + e.what());
  }
}

}  // namespace

void add_payload_options(CLI::App& command, PayloadOptions& o) {
  command.add_option(
      "ADDRESS", o.address, "The target function, namespace/type/id (e.g. example/greeter/George)");
  command.add_option(
      "--type", o.type, "The argument's typename, or int, long, bool, float, double, string");
  command.add_option(
      "--json", o.json, "The argument as JSON (repeat for more invocations in the batch)");
  command.add_option("--text", o.text, "The argument as raw text bytes");
  command.add_option("--value-file", o.value_files, "The argument's raw bytes, from a file");
  command.add_option("--int", o.ints, "An io.statefun.types/int argument");
  command.add_option("--long", o.longs, "An io.statefun.types/long argument");
  command.add_option("--bool", o.bools, "An io.statefun.types/bool argument (true or false)");
  command.add_option("--float", o.floats, "An io.statefun.types/float argument");
  command.add_option("--double", o.doubles, "An io.statefun.types/double argument");
  command.add_option("--string", o.strings, "An io.statefun.types/string argument");
  command.add_option(
      "--state",
      o.state,
      "State to attach: NAME (present, no value) or NAME:TYPE=VALUE, e.g. visits:int=2");
  command.add_option("--caller", o.caller, "The sender of the invocations, namespace/type/id");
  command.add_option("--batch", o.batch, "Repeat the invocations N times in one batch")
      ->check(CLI::Range(1, 100000));
  command.add_option(
      "--request",
      o.request_file,
      "A whole request as JSON (the form `sft decode` prints), instead of the flags above");
}

std::string resolve_type_alias(std::string_view type) {
  for (const char* alias : {"bool", "int", "long", "float", "double", "string"}) {
    if (type == alias) {
      return "io.statefun.types/" + std::string(alias);
    }
  }
  return std::string(type);
}

TypedValue json_argument(std::string_view type_name, std::string_view json_text) {
  const json value = json::parse(json_text, nullptr, false);
  if (value.is_discarded()) {
    throw UsageError("'" + std::string(json_text) + "' is not valid JSON");
  }
  if (!is_builtin(type_name)) {
    return TypedValue{std::string(type_name), true, std::string(json_text)};  // the JSON as given
  }
  try {
    return protocol::make_typed_value(type_name, value);
  } catch (const Error& e) {
    throw UsageError(e.what());
  }
}

protocol::Request build_request(const PayloadOptions& o) {
  if (!o.request_file.empty()) {
    if (!o.address.empty()) {
      throw UsageError("give either ADDRESS with value flags or --request, not both");
    }
    const std::string text = o.request_file == "-"
                                 ? std::string(std::istreambuf_iterator<char>(std::cin), {})
                                 : read_file(o.request_file, "--request");
    try {
      return protocol::request_from_json(json::parse(text));
    } catch (const std::exception& e) {
      throw UsageError("--request '" + o.request_file + "': " + e.what());
    }
  }
  if (o.address.empty()) {
    throw UsageError("no ADDRESS: give the target as namespace/type/id");
  }
  protocol::Request request{parse_address(o.address, "ADDRESS"), {}, {}};
  const std::optional<Address> caller =
      o.caller.empty() ? std::nullopt : std::optional(parse_address(o.caller, "--caller"));
  const auto values = arguments(o);
  for (int i = 0; i < o.batch; ++i) {
    for (const auto& value : values) {
      request.invocations.push_back({caller, value});
    }
  }
  for (const auto& spec : o.state) {
    request.state.push_back(parse_state(spec));
  }
  return request;
}

}  // namespace statefun::cli
