
#include <algorithm>
#include <optional>

#include <nlohmann/json.hpp>

#include <statefun/error.hpp>
#include <statefun/protocol/json_form.hpp>
#include <statefun/protocol/json_text.hpp>
#include <statefun/protocol/request_spec.hpp>

namespace statefun::protocol {

namespace {

using nlohmann::json;

[[noreturn]] void invalid(const std::string& what) {
  throw Error(errc::invalid_argument, what);
}

Address parse_address(const std::string& text, std::string_view what) {
  try {
    return Address::parse(text);
  } catch (const Error& e) {
    invalid(std::string(what) + ": " + e.what());
  }
}

/// The arguments of `spec`, each an invocation's.
std::vector<TypedValue> arguments(const RequestSpec& spec) {
  const std::string type = resolve_type_alias(spec.type);
  if (type.empty()) {
    invalid("the arguments need a type (a typename such as example/GreetRequest)");
  }
  try {
    (void)TypeName(type);
  } catch (const Error& e) {
    invalid(std::string("type: ") + e.what());
  }
  std::vector<TypedValue> result;
  for (const std::string& value : spec.values) {
    switch (spec.form) {
      case ValueForm::bytes:
        result.push_back({type, true, value});
        break;
      case ValueForm::text:
        result.push_back(is_builtin_type(type) ? json_argument(type, json(value).dump())
                                               : TypedValue{type, true, value});
        break;
      case ValueForm::json:
        result.push_back(json_argument(type, value));
        break;
    }
  }
  return result;
}

}  // namespace

std::string resolve_type_alias(std::string_view type) {
  for (const std::string_view alias : kBuiltinAliases) {
    if (type == alias) {
      return "io.statefun.types/" + std::string(alias);
    }
  }
  return std::string(type);
}

bool is_builtin_type(std::string_view type_name) noexcept {
  return type_name.starts_with("io.statefun.types/");
}

TypedValue json_argument(std::string_view type_name, std::string_view json_text) {
  const json value = parse_json(json_text);
  if (value.is_discarded()) {
    invalid("'" + std::string(json_text) + "' is not valid JSON");
  }
  if (!is_builtin_type(type_name)) {
    return TypedValue{std::string(type_name), true, std::string(json_text)};  // the JSON as given
  }
  try {
    return make_typed_value(type_name, value);
  } catch (const Error& e) {
    invalid(e.what());
  }
}

StateEntry parse_state_entry(std::string_view text) {
  const std::string spec(text);
  const auto colon = spec.find(':');
  const auto equals = spec.find('=');
  const std::string name = spec.substr(0, std::min(colon, equals));
  if (name.empty()) {
    invalid("state '" + spec + "': expected NAME or NAME:TYPE=VALUE");
  }
  if (colon == std::string::npos && equals == std::string::npos) {
    return {name, std::nullopt};  // present without a value
  }
  if (colon == std::string::npos || equals == std::string::npos || equals < colon) {
    invalid("state '" + spec + "': a value needs its type, as in visits:int=2");
  }
  const std::string type = resolve_type_alias(spec.substr(colon + 1, equals - colon - 1));
  std::string value = spec.substr(equals + 1);
  if (type == type_names::kString && parse_json(value).is_discarded()) {
    value = json(value).dump();  // a bare word for a string state
  }
  try {
    return {name, json_argument(type, value)};
  } catch (const Error& e) {
    invalid("state '" + spec + "': " + e.what());
  }
}

Request build_request(const RequestSpec& spec) {
  if (spec.address.empty()) {
    invalid("no address: give the target as namespace/type/id");
  }
  if (spec.batch < 1) {
    invalid("the batch must hold at least one copy of the invocations");
  }
  Request request{parse_address(spec.address, "address"), {}, {}};
  const std::optional<Address> caller =
      spec.caller.empty() ? std::nullopt : std::optional(parse_address(spec.caller, "caller"));
  const std::vector<TypedValue> values = arguments(spec);
  for (int i = 0; i < spec.batch; ++i) {
    for (const TypedValue& value : values) {
      request.invocations.push_back({caller, value});
    }
  }
  for (const std::string& entry : spec.state) {
    request.state.push_back(parse_state_entry(entry));
  }
  return request;
}

}  // namespace statefun::protocol
