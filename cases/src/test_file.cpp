// Parsing test files: the file, its cases, their steps and the values they send.
#include <functional>
#include <map>
#include <stdexcept>
#include <string>

#include <statefun/cases/test_file.hpp>
#include <statefun/error.hpp>
#include <statefun/http/url.hpp>
#include <statefun/protocol/json_form.hpp>
#include <statefun/testkit/http_client.hpp>
#include <statefun/text/base64.hpp>
#include <statefun/yaml/bounded_document.hpp>

#include "parametrize.hpp"
#include "test_file_parser.hpp"

namespace statefun::cases {

using detail::MapReader;
using detail::SourceNode;

namespace detail {

TypedValue read_input_value(MapReader& r, const TypeAliases& types) {
  return read_value_of_type(r, types.resolve(r.required("type")));
}

TypedValue read_value_of_type(MapReader& r, const std::string& type_name) {
  const SourceNode* value = r.optional("value");
  const SourceNode* text = r.optional("text");
  const SourceNode* base64 = r.optional("base64");
  if (detail::count_present({value, text, base64}) != 1) {
    detail::fail(r.node(), "write exactly one of 'value' (JSON), 'text' or 'base64'");
  }
  if (text != nullptr) {
    return TypedValue{type_name, true, detail::read_string(*text, "text")};
  }
  if (base64 != nullptr) {
    const auto bytes = text::base64_decode(detail::read_string(*base64, "base64"));
    if (!bytes) {
      detail::fail(*base64, "base64 is not valid padded base64");
    }
    return TypedValue{type_name, true, *bytes};
  }
  try {
    return protocol::make_typed_value(type_name, detail::to_json(*value));
  } catch (const Error& e) {
    detail::fail(*value, e.what());
  }
}

void read_case_options(MapReader& r,
                       std::optional<std::string>& skip,
                       std::optional<std::chrono::milliseconds>& timeout) {
  if (const SourceNode* node = r.optional("skip")) {
    const nlohmann::json value = detail::to_json(*node);
    if (value.is_string()) {
      skip = value.get<std::string>();
    } else if (detail::read_bool(*node, "skip")) {
      skip = "";
    }
  }
  if (const SourceNode* node = r.optional("timeout")) {
    timeout = detail::read_duration(*node, "timeout");
  }
  r.optional("params");  // known keys, handled by expand_parameters
  r.optional("id");
}

void read_cases(const SourceNode& cases,
                const std::function<void(const CaseInstance&)>& read_case) {
  if (!cases.is_sequence() || cases.items.empty()) {
    detail::fail(cases,
                 "cases must be a list with at least one case, not " + detail::describe(cases));
  }
  std::map<std::string, SourceLocation> seen;
  for (const SourceNode& node : cases.items) {
    MapReader r(node, "a case");
    const std::string name = detail::read_string(r.required("name"), "name");
    for (const auto& instance : detail::expand_parameters(node, name)) {
      const auto [first, inserted] = seen.emplace(instance.id, node.where);
      if (!inserted) {
        detail::fail(node,
                     "duplicate case id '" + instance.id + "' (first at line " +
                         std::to_string(first->second.line) + ")");
      }
      read_case(instance);
    }
  }
}

}  // namespace detail

namespace {

std::vector<protocol::Invocation> read_send(const SourceNode& send,
                                            const detail::TypeAliases& types) {
  if (send.is_sequence() && send.items.empty()) {
    detail::fail(send, "send needs at least one message");
  }
  std::vector<protocol::Invocation> invocations;
  for (const SourceNode& item : send.is_sequence() ? send.items : std::vector<SourceNode>{send}) {
    MapReader r(item, "a message to send");
    std::optional<Address> caller;
    if (const SourceNode* node = r.optional("caller")) {
      caller = detail::read_address(*node, "caller");
    }
    invocations.push_back({std::move(caller), detail::read_input_value(r, types)});
    r.finish();
  }
  return invocations;
}

std::vector<protocol::StateEntry> read_initial_state(const SourceNode& state,
                                                     const detail::TypeAliases& types) {
  MapReader names(state, "state");
  std::vector<protocol::StateEntry> entries;
  for (const auto& [name, value] : state.entries) {
    names.optional(name.text);
    if (value.is_null()) {
      entries.push_back({name.text, std::nullopt});  // present, without a value
      continue;
    }
    MapReader r(value, "state '" + name.text + "'");
    entries.push_back({name.text, detail::read_input_value(r, types)});
    r.finish();
  }
  return entries;
}

TestStep read_step(MapReader& r,
                   const std::optional<Address>& default_target,
                   const detail::TypeAliases& types) {
  const SourceNode* target = r.optional("target");
  if (target == nullptr && !default_target) {
    detail::fail(r.node(),
                 r.what() + " needs a 'target' address (namespace/type/id)" +
                     (r.what() == "a step" ? ", here or in its case" : ""));
  }
  TestStep step{"",
                target != nullptr ? detail::read_address(*target, "target") : *default_target,
                {},
                {},
                r.node().where};
  if (const SourceNode* name = r.optional("name")) {
    step.name = detail::read_string(*name, "name");
  }
  step.invocations = read_send(r.required("send"), types);
  if (const SourceNode* expect = r.optional("expect")) {
    step.expect = detail::parse_expectations(*expect, types);
  } else {
    step.expect.where = r.node().where;
  }
  return step;
}

TestCase read_case(const detail::CaseInstance& instance, const detail::TypeAliases& types) {
  MapReader r(instance.node, "a case");
  r.required("name");
  TestCase test_case{instance.id, {}, {}, std::nullopt, std::nullopt, instance.node.where};
  detail::read_case_options(r, test_case.skip, test_case.timeout);
  std::optional<Address> target;
  if (const SourceNode* node = r.optional("target")) {
    target = detail::read_address(*node, "target");
  }
  const SourceNode* steps = r.optional("steps");
  if (steps == nullptr) {
    test_case.steps.push_back(read_step(r, target, types));
  } else {
    for (const char* key : {"send", "expect"}) {
      if (const SourceNode* misplaced = r.optional(key)) {
        detail::fail(*misplaced, "a case has either 'steps' or 'send'/'expect', not both");
      }
    }
    if (!steps->is_sequence() || steps->items.empty()) {
      detail::fail(*steps, "steps must be a list of steps, not " + detail::describe(*steps));
    }
    for (const SourceNode& step : steps->items) {
      MapReader step_reader(step, "a step");
      test_case.steps.push_back(read_step(step_reader, target, types));
      step_reader.finish();
    }
  }
  if (const SourceNode* state = r.optional("state")) {
    test_case.state = read_initial_state(*state, types);
  }
  r.finish();
  return test_case;
}

/// `module` and `clock`: what makes a file a pipeline file, which has no `url`.
void read_pipeline_options(MapReader& r, TestFile& file) {
  const SourceNode* module = r.optional("module");
  const SourceNode* clock = r.optional("clock");
  if (module == nullptr) {
    if (clock != nullptr) {
      detail::fail(*clock, "'clock' is for pipeline files, which name their 'module'");
    }
    return;
  }
  file.module = detail::read_string(*module, "module");
  file.module_where = module->where;
  if (file.module->empty()) {
    detail::fail(*module, "module must name a module.yaml");
  }
  if (file.url) {
    detail::fail(*r.optional("url"),
                 "a pipeline file calls the endpoints of its module; 'url' is for component "
                 "test files (sft test --url replaces the module's endpoint URLs)");
  }
  if (clock != nullptr) {
    const std::string mode = detail::read_string(*clock, "clock");
    if (mode != "virtual" && mode != "real") {
      detail::fail(*clock, "clock must be 'virtual' or 'real', not " + detail::describe(*clock));
    }
    file.real_time = mode == "real";
  }
}

}  // namespace

std::string SourceLocation::str() const {
  if (line <= 0) {
    return file;
  }
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

TestFile parse_test_file(std::string_view text, const std::string& path) {
  const SourceNode root = detail::parse_source(text, path);
  if (root.is_null()) {
    detail::fail(root, "the file is empty: a test file needs 'cases'");
  }
  MapReader r(root, "the test file");
  TestFile file{path, std::nullopt, {}, std::nullopt, {}, std::nullopt, {}, false, {}};
  if (const SourceNode* url = r.optional("url")) {
    file.url = detail::read_string(*url, "url");
    file.url_where = url->where;
    try {
      http::Url::parse(*file.url);
    } catch (const std::invalid_argument& e) {
      detail::fail(*url, e.what());
    }
  }
  read_pipeline_options(r, file);
  detail::TypeAliases types;
  if (const SourceNode* aliases = r.optional("types")) {
    types.add(*aliases);
  }
  if (const SourceNode* timeout = r.optional("timeout")) {
    file.timeout = detail::read_duration(*timeout, "timeout");
  }
  const SourceNode* cases = r.optional("cases");
  r.finish();
  if (cases == nullptr) {
    detail::fail(root, "a test file needs 'cases'");
  }
  detail::read_cases(*cases, [&](const detail::CaseInstance& instance) {
    if (file.module) {
      file.pipeline_cases.push_back(detail::read_pipeline_case(instance, types));
    } else {
      file.cases.push_back(read_case(instance, types));
    }
  });
  return file;
}

TestFile load_test_file(const std::string& path) {
  std::string text;
  try {
    text = yaml::read_bounded_file(path);
  } catch (const yaml::Error& e) {
    throw TestFileError({path, 0, 0}, e.what());
  }
  return parse_test_file(text, path);
}

}  // namespace statefun::cases
