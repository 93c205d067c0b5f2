#include "payload_options.hpp"

#include <exception>
#include <iostream>
#include <stdexcept>
#include <string_view>

#include <nlohmann/json.hpp>

#include <statefun/error.hpp>
#include <statefun/protocol/json_form.hpp>
#include <statefun/protocol/json_text.hpp>

#include "exit_codes.hpp"
#include "input_file.hpp"

namespace statefun::cli {

namespace {

using nlohmann::json;

/// One kind of value flag: the typename it implies ("" when --type must give it), its form.
struct ValueFlag {
  const char* name;
  const std::vector<std::string>* values;
  const char* implied_type;
  protocol::ValueForm form;
};

/// The one value flag given; throws UsageError when there are none or several.
const ValueFlag& chosen_flag(const std::vector<ValueFlag>& flags) {
  const ValueFlag* chosen = nullptr;
  for (const auto& flag : flags) {
    if (flag.values->empty()) {
      continue;
    }
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
  return *chosen;
}

}  // namespace

void add_payload_options(CLI::App& command, PayloadOptions& o) {
  command.add_option(
      "ADDRESS", o.address, "The target function, namespace/type/id (e.g. example/greeter/George)");
  command.add_option(
      "--type", o.type, "The argument's typename, or int, long, bool, float, double, string");
  // Each of these takes one value per occurrence, as it is: CLI11 would otherwise split a
  // bracketed value ("[1,2]" into two) and take the words after the flag as more values.
  const auto one_value_each =
      [&](const char* name, std::vector<std::string>& into, const char* help) {
        command.add_option(name, into, help)->allow_extra_args(false);
      };
  one_value_each(
      "--json", o.json, "The argument as one JSON document (repeat for more invocations)");
  one_value_each("--text", o.text, "The argument as raw text bytes");
  one_value_each("--value-file", o.value_files, "The argument's raw bytes, from a file");
  one_value_each("--int", o.ints, "An io.statefun.types/int argument");
  one_value_each("--long", o.longs, "An io.statefun.types/long argument");
  one_value_each("--bool", o.bools, "An io.statefun.types/bool argument (true or false)");
  one_value_each("--float", o.floats, "An io.statefun.types/float argument");
  one_value_each("--double", o.doubles, "An io.statefun.types/double argument");
  one_value_each("--string", o.strings, "An io.statefun.types/string argument");
  one_value_each("--state",
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

protocol::RequestSpec request_spec(const PayloadOptions& o) {
  using protocol::ValueForm;
  const std::vector<ValueFlag> flags = {{"--json", &o.json, "", ValueForm::json},
                                        {"--text", &o.text, "", ValueForm::text},
                                        {"--value-file", &o.value_files, "", ValueForm::bytes},
                                        {"--int", &o.ints, "int", ValueForm::json},
                                        {"--long", &o.longs, "long", ValueForm::json},
                                        {"--bool", &o.bools, "bool", ValueForm::json},
                                        {"--float", &o.floats, "float", ValueForm::json},
                                        {"--double", &o.doubles, "double", ValueForm::json},
                                        {"--string", &o.strings, "string", ValueForm::text}};
  const ValueFlag& chosen = chosen_flag(flags);
  const std::string type = protocol::resolve_type_alias(o.type);
  const std::string implied = protocol::resolve_type_alias(chosen.implied_type);
  if (!implied.empty() && !type.empty() && type != implied) {
    throw UsageError(std::string(chosen.name) + " is a " + implied + ", but --type says " + type);
  }
  if (implied.empty() && type.empty()) {
    throw UsageError(std::string(chosen.name) +
                     " needs --type (a typename such as example/GreetRequest)");
  }
  protocol::RequestSpec spec{
      o.address, implied.empty() ? type : implied, chosen.form, {}, o.state, o.caller, o.batch};
  for (const std::string& value : *chosen.values) {
    spec.values.push_back(
        chosen.form == ValueForm::bytes ? read_input(value, std::cin, "--value-file") : value);
  }
  return spec;
}

protocol::Request build_request(const PayloadOptions& o) {
  if (!o.request_file.empty()) {
    if (!o.address.empty()) {
      throw UsageError("give either ADDRESS with value flags or --request, not both");
    }
    const json form = protocol::parse_json(read_input(o.request_file, std::cin, "--request"));
    if (form.is_discarded()) {
      throw UsageError("--request '" + o.request_file + "': not JSON, or nested deeper than " +
                       std::to_string(protocol::kMaxJsonDepth) + " levels");
    }
    try {
      return protocol::request_from_json(form);
    } catch (const std::exception& e) {
      throw UsageError("--request '" + o.request_file + "': " + e.what());
    }
  }
  if (o.address.empty()) {
    throw UsageError("no ADDRESS: give the target as namespace/type/id");
  }
  try {
    return protocol::build_request(request_spec(o));
  } catch (const Error& e) {
    throw UsageError(e.what());
  }
}

load::RequestKind load_kind(const PayloadOptions& o) {
  if (!o.request_file.empty()) {
    return load::kind_from_request(build_request(o));
  }
  if (o.address.empty()) {
    throw UsageError("no ADDRESS: give the target as namespace/type/id");
  }
  try {
    return load::kind_from_spec(request_spec(o));
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
}

}  // namespace statefun::cli
