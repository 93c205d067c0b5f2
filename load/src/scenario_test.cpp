
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include <statefun/load/scenario.hpp>

namespace statefun::load {
namespace {

TEST(Scenario, ReadsWeightedKindsAndStages) {
  const Scenario s = parse_scenario(R"(
url: http://127.0.0.1:8000/statefun
requests:
  - name: greet
    weight: 3
    address: example/greeter/{{choice Ann Bob}}
    type: example/GreetRequest
    json: '{"name":"Ann","visits":{{randint 1 3}}}'
    expect:
      status: 200
      response: {invocation_result: {outgoing_egresses: [{egress: io.statefun.playground/egress}]}}
  - address: example/person/p-{{seq}}
    type: example/GreetRequest
    json: ['{"name":"A"}', '{"name":"B"}']
    batch: 2
    caller: example/ingress/x
    state: [{name: visits}, {name: seen, value: {typename: io.statefun.types/int, value: 2}}]
  - address: example/counter/c
    int: '{{randint 1 9}}'
stages:
  - {duration: 2s, users: 10}
  - {duration: 500ms, users: 0}
)");
  EXPECT_EQ(s.url, "http://127.0.0.1:8000/statefun");
  ASSERT_EQ(s.kinds.size(), 3U);
  EXPECT_EQ(s.kinds[0].name, "greet");
  EXPECT_EQ(s.kinds[0].weight, 3U);
  EXPECT_EQ(s.kinds[0].function_type, "example/greeter");
  ASSERT_TRUE(s.kinds[0].expect.response.has_value());
  EXPECT_EQ(s.kinds[1].name, "example/person/p-{{seq}}");
  EXPECT_EQ(s.kinds[1].arguments.size(), 4U);
  ASSERT_TRUE(s.kinds[1].caller.has_value());
  ASSERT_EQ(s.kinds[1].state.size(), 2U);
  EXPECT_FALSE(s.kinds[1].state[0].value.has_value());
  EXPECT_EQ(s.kinds[1].state[1].value->value, std::string("\x0D\x02\0\0\0", 5));
  EXPECT_EQ(s.kinds[2].arguments[0].type_name, "io.statefun.types/int");
  ASSERT_EQ(s.stages.size(), 2U);
  EXPECT_FALSE(s.stage_rates);
  EXPECT_EQ(s.stages[1].duration, Micros(500'000));
  const auto request = sample_request(s.kinds[1]);
  EXPECT_EQ(request.target.id, "p-0");
}

TEST(Scenario, RateStagesMakeAnOpenModel) {
  const Scenario s = parse_scenario(R"(
requests: [{address: a/b/c, text: hello, type: a/t}]
stages: [{duration: 1s, rate: 100}, {duration: 1s, rate: 100}]
)");
  EXPECT_TRUE(s.stage_rates);
  LoadConfig config;
  config.stages = s.stages;
  EXPECT_EQ(planned_duration(config), Micros(2'000'000));
  EXPECT_DOUBLE_EQ(stage_target(s.stages, Micros(500'000)), 50);
  EXPECT_DOUBLE_EQ(stage_target(s.stages, Micros(1'500'000)), 100);
}

TEST(Scenario, ErrorsNameTheRequestAtFault) {
  try {
    parse_scenario("requests:\n  - address: a/b/c\n    type: a/t\n    json: '{broken'\n");
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("request 1"), std::string::npos) << e.what();
  }
  EXPECT_THROW(parse_scenario("requests: []\nstages: [{duration: 1s, users: 1, rate: 3}]"),
               std::invalid_argument);
  EXPECT_THROW(parse_scenario("nothing: here"), std::invalid_argument);
  EXPECT_THROW(parse_scenario("requests: [{address: a/b}]"), std::invalid_argument);
  EXPECT_THROW(parse_scenario(":\n  - ["), std::invalid_argument);
}

TEST(Scenario, HostileYamlIsAOneLineError) {
  // The alias loop crashed sft load --scenario (a segmentation fault); a batch of 10^9 would
  // allocate until the process died.
  const auto reason = [](const std::string& text) {
    try {
      parse_scenario(text);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(reason("requests: &a [*a]\n"),
            "line 1, column 11: values nested deeper than 256 levels (an alias inside its own "
            "anchor?)");
  EXPECT_EQ(reason("requests: [{address: a/b/c, type: a/t, json: x, weight: 1e400}]\n"),
            "line 1, column 57: the number 1e400 is out of range: the largest double is about "
            "1.8e308");
  EXPECT_EQ(reason("requests: [{address: a/b/c, type: a/t, string: \"\xc3\"}]\n"),
            "line 1, column 48: a value is not valid UTF-8 text");
  EXPECT_EQ(reason("requests: [{address: a/b/c, type: a/t, json: '1', batch: 1000000000}]\n"),
            "request 1: batch 1000000000 is not between 1 and 10000");
  EXPECT_EQ(reason("requests: [{address: a/b/c, type: a/t, json: '1', weight: -2}]\n"),
            "request 1: weight -2 is not between 1 and 1000000");
}

TEST(Scenario, ParsesDurations) {
  EXPECT_EQ(parse_load_duration("250ms"), Micros(250'000));
  EXPECT_EQ(parse_load_duration("2m"), Micros(120'000'000));
  EXPECT_EQ(parse_load_duration("3"), Micros(3'000'000));
  EXPECT_THROW(parse_load_duration("soon"), std::invalid_argument);
}

}  // namespace
}  // namespace statefun::load
