#include <stdexcept>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include <statefun/error.hpp>
#include <statefun/load/request_kind.hpp>
#include <statefun/protocol/json_text.hpp>

#include "request_encoder.hpp"

namespace statefun::load {

namespace {

Template compile(const std::string& text, std::string_view what) {
  try {
    return Template(text);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(std::string(what) + ": " + e.what());
  }
}

std::string render_sample(const Template& t) {
  Random random(1);
  return t.render({random, 0});
}

/// The template of one argument, for an invocation of the checked sample request.
ArgumentTemplate argument_for(const std::string& type_name,
                              const Template& value,
                              protocol::ValueForm form) {
  const bool builtin = protocol::is_builtin_type(type_name);
  if (builtin && form == protocol::ValueForm::text) {  // a string built-in carries JSON text
    return {type_name, compile(nlohmann::json(value.source()).dump(), "value"), true};
  }
  return {type_name, value, form == protocol::ValueForm::json || builtin};
}

}  // namespace

RequestKind kind_from_request(const protocol::Request& request) {
  RequestKind kind{request.target.str(),
                   1,
                   request.target.type.str(),
                   Template::literal(request.target.id),
                   request.state,
                   std::nullopt,
                   {},
                   {}};
  for (const auto& invocation : request.invocations) {
    kind.caller = invocation.caller;
    kind.arguments.push_back(
        {invocation.argument.type_name, Template::literal(invocation.argument.value), false});
  }
  return kind;
}

RequestKind kind_from_spec(const protocol::RequestSpec& spec) {
  protocol::RequestSpec sample = spec;  // one rendering of every template, to check
  std::vector<Template> values;
  if (spec.form != protocol::ValueForm::bytes) {
    for (std::string& value : sample.values) {
      values.push_back(compile(value, "value"));
      value = render_sample(values.back());
    }
  }
  const auto slash = spec.address.find('/', spec.address.find('/') + 1);
  const Template id =
      slash == std::string::npos ? Template() : compile(spec.address.substr(slash + 1), "address");
  if (slash != std::string::npos) {
    sample.address = spec.address.substr(0, slash + 1) + render_sample(id);
  }
  const protocol::Request request = [&] {
    try {
      return protocol::build_request(sample);
    } catch (const Error& e) {
      throw std::invalid_argument(e.what());
    }
  }();
  RequestKind kind{
      spec.address, 1, request.target.type.str(), id, request.state, std::nullopt, {}, {}};
  for (std::size_t i = 0; i < request.invocations.size(); ++i) {
    const auto& invocation = request.invocations[i];
    kind.caller = invocation.caller;
    if (values.empty()) {  // raw bytes: as they are
      kind.arguments.push_back(
          {invocation.argument.type_name, Template::literal(invocation.argument.value), false});
    } else {
      kind.arguments.push_back(
          argument_for(invocation.argument.type_name, values[i % values.size()], spec.form));
    }
  }
  (void)sample_request(kind);  // the templates render to values that encode
  return kind;
}

protocol::Request sample_request(const RequestKind& kind, std::uint64_t seed) {
  Random random(seed);
  const RenderContext context{random, 0};
  protocol::Request request{
      Address(TypeName(kind.function_type), kind.id.render(context)), kind.state, {}};
  for (const ArgumentTemplate& argument : kind.arguments) {
    std::string text = argument.value.render(context);
    if (argument.is_json && protocol::parse_json(text).is_discarded()) {
      throw std::invalid_argument("the argument '" + text + "' (from '" + argument.value.source() +
                                  "') is not valid JSON");
    }
    std::string bytes;
    if (protocol::is_builtin_type(argument.type_name)) {
      encode_builtin(argument.type_name, text, bytes);
    } else {
      bytes = std::move(text);
    }
    request.invocations.push_back({kind.caller, TypedValue{argument.type_name, true, bytes}});
  }
  return request;
}

}  // namespace statefun::load
