#include "commands/load_kind.hpp"

#include <nlohmann/json.hpp>

#include "exit_codes.hpp"

namespace statefun::cli {

namespace {

using nlohmann::json;

/// How each value flag's text becomes the argument's template text.
enum class ValueForm { json_text, raw, quoted, file };

struct Flag {
  std::vector<std::string> PayloadOptions::*values;
  ValueForm form;
};

std::string render_sample(const load::Template& t) {
  load::Random random(1);
  return t.render({random, 0});
}

load::Template compile(const std::string& text, std::string_view what) {
  try {
    return load::Template(text);
  } catch (const std::invalid_argument& e) {
    throw UsageError(std::string(what) + ": " + e.what());
  }
}

}  // namespace

namespace {

/// A --request file: the whole request as it is, without templates.
load::RequestKind kind_from_request_file(const PayloadOptions& options) {
  const protocol::Request request = build_request(options);
  load::RequestKind kind{request.target.str(),
                         1,
                         request.target.type.str(),
                         load::Template::literal(request.target.id),
                         request.state,
                         std::nullopt,
                         {},
                         {}};
  for (const auto& invocation : request.invocations) {
    kind.caller = invocation.caller;
    kind.arguments.push_back(
        {invocation.argument.type_name, load::Template::literal(invocation.argument.value), false});
  }
  return kind;
}

/// The value flags' templates in the order build_request reads them; `sample` gets one
/// rendering of each so that build_request can check it.
void compile_values(PayloadOptions& sample,
                    std::vector<load::Template>& templates,
                    std::vector<ValueForm>& forms) {
  const Flag flags[] = {{&PayloadOptions::json, ValueForm::json_text},
                        {&PayloadOptions::text, ValueForm::raw},
                        {&PayloadOptions::value_files, ValueForm::file},
                        {&PayloadOptions::ints, ValueForm::json_text},
                        {&PayloadOptions::longs, ValueForm::json_text},
                        {&PayloadOptions::bools, ValueForm::json_text},
                        {&PayloadOptions::floats, ValueForm::json_text},
                        {&PayloadOptions::doubles, ValueForm::json_text},
                        {&PayloadOptions::strings, ValueForm::quoted}};
  for (const Flag& flag : flags) {
    for (std::string& value : sample.*flag.values) {
      if (flag.form == ValueForm::file) {
        continue;
      }
      templates.push_back(compile(value, "value"));
      forms.push_back(flag.form);
      value = render_sample(templates.back());
    }
  }
}

/// The argument template for one invocation of the checked sample request.
load::ArgumentTemplate argument_for(const protocol::Invocation& invocation,
                                    const load::Template& value,
                                    ValueForm form) {
  const bool builtin = invocation.argument.type_name.starts_with("io.statefun.types/");
  if (builtin && (form == ValueForm::quoted || form == ValueForm::raw)) {
    // a string built-in carries JSON text
    return {invocation.argument.type_name, compile(json(value.source()).dump(), "value"), true};
  }
  return {invocation.argument.type_name, value, form == ValueForm::json_text || builtin};
}

}  // namespace

load::RequestKind load_kind_from(const PayloadOptions& options) {
  if (!options.request_file.empty()) {
    return kind_from_request_file(options);
  }
  PayloadOptions sample = options;
  std::vector<load::Template> templates;
  std::vector<ValueForm> forms;
  compile_values(sample, templates, forms);
  const auto slash = options.address.find('/', options.address.find('/') + 1);
  const load::Template id = slash == std::string::npos
                                ? load::Template()
                                : compile(options.address.substr(slash + 1), "ADDRESS");
  if (slash != std::string::npos) {
    sample.address = options.address.substr(0, slash + 1) + render_sample(id);
  }
  const protocol::Request request = build_request(sample);  // checks flags, types, state, caller
  load::RequestKind kind{
      options.address, 1, request.target.type.str(), id, request.state, std::nullopt, {}, {}};
  for (std::size_t i = 0; i < request.invocations.size(); ++i) {
    const auto& invocation = request.invocations[i];
    kind.caller = invocation.caller;
    if (templates.empty()) {  // --value-file: the bytes as they are
      kind.arguments.push_back({invocation.argument.type_name,
                                load::Template::literal(invocation.argument.value),
                                false});
    } else {
      const std::size_t v = i % templates.size();
      kind.arguments.push_back(argument_for(invocation, templates[v], forms[v]));
    }
  }
  try {
    (void)load::sample_request(kind);
  } catch (const std::exception& e) {
    throw UsageError(e.what());
  }
  return kind;
}

}  // namespace statefun::cli
