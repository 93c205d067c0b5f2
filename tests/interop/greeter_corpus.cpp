#include "greeter_corpus.hpp"

#include <cstdint>

#include <nlohmann/json.hpp>

#include <statefun/json.hpp>

#include "greeting_differences.hpp"

namespace statefun::interop {

namespace {

using nlohmann::json;
using protocol::RequestBuilder;

const Type<json>& greet_request_type() {
  static const auto type = make_json_type("example/GreetRequest");
  return type;
}

Address person(const std::string& name) {
  return {TypeName("example/person"), name};
}

/// example/greeter/<name> with one invocation per visits count, sent by example/person/<name>.
protocol::Request greeter_request(const std::string& name,
                                  const std::vector<std::int64_t>& visits) {
  RequestBuilder builder(Address(TypeName("example/greeter"), name));
  for (const std::int64_t v : visits) {
    builder.with_invocation(greet_request_type(), {{"name", name}, {"visits", v}}, person(name));
  }
  return builder.build();
}

/// example/person/George with an ingress GreetRequest {"name": "George"} and `state`.
RequestBuilder person_request() {
  RequestBuilder builder(person("George"));
  builder.with_invocation(greet_request_type(), {{"name", "George"}});
  return builder;
}

CorpusCase visits_case(const std::string& name, std::int64_t visits, const char* difference) {
  std::vector<std::string> differences;
  if (difference != nullptr) {
    differences.emplace_back(difference);
  }
  return {name, greeter_request("George", {visits}), differences};
}

}  // namespace

std::vector<CorpusCase> greeter_corpus() {
  std::vector<CorpusCase> corpus{
      visits_case("greeter_visits_0", 0, kJsZeroVisitsEmpty),
      visits_case("greeter_visits_1", 1, nullptr),
      visits_case("greeter_visits_2", 2, nullptr),
      visits_case("greeter_visits_3", 3, kJsThirdTime),
      visits_case("greeter_visits_4", 4, kJsNthTime),
      visits_case("greeter_visits_5", 5, kJsNthTime),
      visits_case("greeter_visits_minus_1", -1, kJsBelowOne),
      visits_case("greeter_visits_2_pow_31", std::int64_t{1} << 31, kJsNthTime),
      visits_case("greeter_visits_2_pow_40", std::int64_t{1} << 40, kJsNthTime),
      {"greeter_batch_of_three", greeter_request("George", {1, 2, 3}), {kJsThirdTime}},
      {"greeter_unicode_name", greeter_request("Zoë 李雷 🚀", {1}), {}},
      {"greeter_unicode_name_visits_4", greeter_request("Zoë 李雷 🚀", {4}), {kJsNthTime}},
      {"greeter_markup_name", greeter_request("<&>\"' \\ O'Brien", {2}), {}},
      {"greeter_markup_name_visits_3", greeter_request("<&>\"' \\ O'Brien", {3}), {kJsThirdTime}},
      {"person_without_state", person_request().build(), {}},
      {"person_with_empty_state", person_request().with_empty_state("visits").build(), {}},
      {"person_with_visits_0", person_request().with_state("visits", int_type(), 0).build(), {}},
      {"person_with_visits_2", person_request().with_state("visits", int_type(), 2).build(), {}},
      {"person_with_undeclared_state",
       person_request()
           .with_state("seen", string_type(), "yesterday")
           .with_state("visits", int_type(), 2)
           .build(),
       {}},
  };
  return corpus;
}

std::vector<ErrorCase> error_corpus() {
  const auto greeter = [](const json& argument) {
    return RequestBuilder("example/greeter/George")
        .with_invocation(greet_request_type(), argument, person("George"))
        .bytes();
  };
  return {
      {"unknown_function",
       RequestBuilder("example/nobody/George")
           .with_invocation(greet_request_type(), {{"name", "George"}})
           .bytes(),
       500,
       500},
      {"malformed_body", std::string("\xff\xff\xff"), 400, 500},
      {"empty_body", std::string(), 400, 500},
      {"greet_request_without_name", greeter({{"visits", 1}}), 422, 200},
      {"greet_request_visits_as_text", greeter({{"name", "George"}, {"visits", "3"}}), 422, 200},
      {"greet_request_not_json",
       RequestBuilder("example/greeter/George")
           .with_invocation(TypedValue{"example/GreetRequest", true, "not json"})
           .bytes(),
       422,
       500},
      {"argument_of_another_type",
       RequestBuilder("example/greeter/George")
           .with_invocation(string_type(), R"({"name":"George","visits":1})")
           .bytes(),
       422,
       500},
      {"state_of_another_type",
       person_request().with_state("visits", long_type(), 2).bytes(),
       500,
       500},
  };
}

}  // namespace statefun::interop
