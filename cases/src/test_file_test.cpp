
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <statefun/cases/test_file.hpp>
#include <statefun/types.hpp>

namespace statefun::cases {
namespace {

using testing::ElementsAre;
using testing::HasSubstr;

/// The message of the TestFileError that parsing `text` throws, or "" when it parses.
std::string error_of(const std::string& text) {
  try {
    parse_test_file(text, "t.yaml");
  } catch (const TestFileError& e) {
    return e.what();
  }
  return "";
}

constexpr const char* kCaseHead = R"(
cases:
  - name: c
    target: example/greeter/G
    send: {type: int, value: 1}
)";

TEST(TestFile, ReadsACaseWithDefaults) {
  const TestFile file = parse_test_file(R"(url: http://127.0.0.1:8000/statefun
types: {GreetRequest: example/GreetRequest}
cases:
  - name: greet
    target: example/greeter/George
    send: {type: GreetRequest, value: {name: George, visits: 3}, caller: example/person/George}
)",
                                        "t.yaml");
  EXPECT_EQ(file.url, "http://127.0.0.1:8000/statefun");
  ASSERT_EQ(file.cases.size(), 1U);
  const TestCase& c = file.cases[0];
  EXPECT_EQ(c.id, "greet");
  EXPECT_EQ(c.where.str(), "t.yaml:4:5");
  ASSERT_EQ(c.steps.size(), 1U);
  EXPECT_EQ(c.steps[0].target.str(), "example/greeter/George");
  ASSERT_EQ(c.steps[0].invocations.size(), 1U);
  const protocol::Invocation& invocation = c.steps[0].invocations[0];
  EXPECT_EQ(invocation.caller, Address::parse("example/person/George"));
  EXPECT_EQ(invocation.argument,
            (TypedValue{"example/GreetRequest", true, R"({"name":"George","visits":3})"}));
  EXPECT_EQ(c.steps[0].expect.status, 200);
  EXPECT_FALSE(c.steps[0].expect.messages);
  EXPECT_FALSE(c.steps[0].expect.nothing_else);
}

TEST(TestFile, EncodesBuiltInTypesTextAndBase64) {
  const TestFile file = parse_test_file(R"(cases:
  - name: c
    target: example/counter/a
    state: {n: {type: int, value: 2}, seen: ~}
    send:
      - {type: long, value: 5}
      - {type: example/Raw, text: "not json"}
      - {type: example/Raw, base64: "AAE="}
)",
                                        "t.yaml");
  const TestCase& c = file.cases[0];
  ASSERT_EQ(c.state.size(), 2U);
  EXPECT_EQ(c.state[0].value, (TypedValue{"io.statefun.types/int", true, int_type().serialize(2)}));
  EXPECT_EQ(c.state[1].value, std::nullopt);
  const auto& invocations = c.steps[0].invocations;
  EXPECT_EQ(invocations[0].argument.value, long_type().serialize(5));
  EXPECT_EQ(invocations[1].argument.value, "not json");
  EXPECT_EQ(invocations[2].argument.value, std::string("\0\1", 2));
}

TEST(TestFile, ReadsExpectations) {
  const TestFile file = parse_test_file(R"(cases:
  - name: c
    target: example/person/G
    send: {type: int, value: 1}
    expect:
      messages: [{to: example/greeter/G, type: int, value: {a: 1}, match: subset}]
      delayed: [{to: example/x/y, delay: 1500ms, token: t, text: !regex "^hi"}, {cancel: old}]
      egress: []
      state: {visits: {type: int, value: 3}, gone: deleted, kept: unchanged}
      nothing_else: true
)",
                                        "t.yaml");
  const Expectations& e = file.cases[0].steps[0].expect;
  ASSERT_TRUE(e.messages && e.delayed && e.egress && e.state);
  EXPECT_EQ((*e.messages)[0].to, "example/greeter/G");
  EXPECT_TRUE((*e.messages)[0].value.subset);
  EXPECT_EQ((*e.delayed)[0].delay, std::chrono::milliseconds(1500));
  EXPECT_EQ((*e.delayed)[0].value.text, nlohmann::json({{"$regex", "^hi"}}));
  EXPECT_EQ((*e.delayed)[1].cancel, "old");
  EXPECT_TRUE(e.egress->empty());
  ASSERT_EQ(e.state->size(), 3U);
  EXPECT_EQ((*e.state)[1].kind, StatePattern::Kind::remove);
  EXPECT_EQ((*e.state)[2].kind, StatePattern::Kind::unchanged);
  EXPECT_TRUE(e.nothing_else);
}

TEST(TestFile, ParametersMakeOneCasePerRowWithTypedValues) {
  const TestFile file = parse_test_file(R"(cases:
  - name: greet
    params:
      - {visits: 1, who: George}
      - {visits: 3, who: Ann}
    target: example/greeter/${who}
    send: {type: example/GreetRequest, value: {name: "${who}", visits: "${visits}"}}
    expect:
      egress: [{value: {payload: "Hi ${who} #${visits}, $${literal}"}}]
)",
                                        "t.yaml");
  ASSERT_EQ(file.cases.size(), 2U);
  EXPECT_EQ(file.cases[0].id, "greet[visits=1,who=George]");
  EXPECT_EQ(file.cases[1].id, "greet[visits=3,who=Ann]");
  EXPECT_EQ(file.cases[1].steps[0].target.str(), "example/greeter/Ann");
  EXPECT_EQ(file.cases[1].steps[0].invocations[0].argument.value, R"({"name":"Ann","visits":3})");
  EXPECT_EQ((*file.cases[1].steps[0].expect.egress)[0].value.value,
            nlohmann::json({{"payload", "Hi Ann #3, ${literal}"}}));
}

TEST(TestFile, ParameterListsCombineAndIdTemplatesNameRows) {
  const TestFile file = parse_test_file(R"(cases:
  - name: c
    params: {a: [1, 2], b: [x, y]}
    id: ${b}${a}
    target: example/f/${b}
    send: {type: int, value: "${a}"}
)",
                                        "t.yaml");
  std::vector<std::string> ids;
  for (const auto& c : file.cases) {
    ids.push_back(c.id);
  }
  EXPECT_THAT(ids, ElementsAre("c[x1]", "c[y1]", "c[x2]", "c[y2]"));
}

TEST(TestFile, StepsShareTheCaseTarget) {
  const TestFile file = parse_test_file(R"(cases:
  - name: visits
    target: example/person/G
    steps:
      - send: {type: int, value: 1}
      - name: greeter
        target: example/greeter/G
        send: {type: int, value: 2}
        expect: {status: 500, body: !regex boom}
)",
                                        "t.yaml");
  const auto& steps = file.cases[0].steps;
  ASSERT_EQ(steps.size(), 2U);
  EXPECT_EQ(steps[0].target.str(), "example/person/G");
  EXPECT_EQ(steps[1].target.str(), "example/greeter/G");
  EXPECT_EQ(steps[1].name, "greeter");
  EXPECT_EQ(steps[1].expect.status, 500);
}

TEST(TestFile, JsonFilesWork) {
  const TestFile file = parse_test_file(
      R"({"url": "http://h:1/", "timeout": "2s", "cases": [{"name": "j", "skip": "later",
  "target": "example/f/x", "send": {"type": "string", "value": "hi"}}]})",
      "t.json");
  EXPECT_EQ(file.timeout, std::chrono::seconds(2));
  EXPECT_EQ(file.cases[0].skip, "later");
}

TEST(TestFileErrors, NameFileLineAndColumn) {
  EXPECT_THAT(error_of("cases: [\n  {name: a"), HasSubstr("t.yaml:2:"));
  EXPECT_THAT(error_of("cases: [\n  {name: a"), HasSubstr("invalid YAML"));
  EXPECT_EQ(error_of(std::string(kCaseHead) + "    expct: {}\n"),
            "t.yaml:6:5: unknown key 'expct' in a case (did you mean 'expect'?)");
  EXPECT_EQ(error_of(std::string(kCaseHead) + "    expect: {status: two}\n"),
            "t.yaml:6:22: status must be an integer, not the string \"two\"");
  EXPECT_EQ(error_of("cases:\n  - name: a\n    send: {type: int, value: 1}\n"),
            "t.yaml:2:5: a case needs a 'target' address (namespace/type/id)");
  EXPECT_EQ(error_of("cases: {}"),
            "t.yaml:1:8: cases must be a list with at least one case, not a map");
  EXPECT_EQ(error_of(""), "t.yaml:1:1: the file is empty: a test file needs 'cases'");
}

TEST(TestFileErrors, ExplainWrongValues) {
  const std::string head = "cases:\n  - name: a\n    target: example/f/x\n";
  EXPECT_THAT(error_of(head + "    send: {type: int, value: 3000000000}\n"),
              HasSubstr("t.yaml:4:30: io.statefun.types/int needs an integer"));
  EXPECT_THAT(error_of(head + "    send: {type: Greet, value: 1}\n"),
              HasSubstr("t.yaml:4:18: unknown type 'Greet'"));
  EXPECT_THAT(error_of(head + "    send: {type: int, value: 1, text: x}\n"),
              HasSubstr("exactly one of 'value' (JSON), 'text' or 'base64'"));
  EXPECT_THAT(error_of(head + "    send: {type: int, value: 1}\n    timeout: 5\n"),
              HasSubstr("t.yaml:5:14: timeout must be a duration with a unit"));
  EXPECT_THAT(error_of(head + "    send: {type: int, value: 1}\n    target: example/f/y\n"),
              HasSubstr("t.yaml:5:5: duplicate key 'target'"));
  EXPECT_THAT(error_of("cases:\n  - name: a\n    target: nope\n    send: {type: int, value: 1}\n"),
              HasSubstr("t.yaml:3:13: target must be an address namespace/type/id"));
}

TEST(TestFileErrors, CatchMisusedExpectations) {
  const std::string head = std::string(kCaseHead) + "    expect:\n";
  EXPECT_THAT(error_of(head + "      status: 422\n      egress: []\n"),
              HasSubstr("t.yaml:7:7: a status other than 200 has no effects to expect"));
  EXPECT_THAT(error_of(head + "      body: x\n"), HasSubstr("t.yaml:7:13: 'body' checks"));
  EXPECT_THAT(error_of(head + "      missing_state: [n]\n      messages: []\n"),
              HasSubstr("expect either missing_state or effects"));
  EXPECT_THAT(error_of(head + "      egress: [{value: {$regex: '('}}]\n"),
              HasSubstr("t.yaml:7:24: invalid regex \"(\""));
  EXPECT_THAT(error_of(head + "      egress: [{to: nowhere}]\n"),
              HasSubstr("to (the egress) must be a typename namespace/name"));
  EXPECT_THAT(error_of(head + "      state: {n: kept}\n"),
              HasSubstr("state 'n' must be {type, value}, deleted or unchanged"));
}

TEST(TestFileErrors, CatchParameterMistakes) {
  EXPECT_THAT(error_of("cases:\n  - name: a\n    params: [{v: 1}]\n    target: example/f/x\n"
                       "    send: {type: int, value: \"${w}\"}\n"),
              HasSubstr("t.yaml:5:30: unknown parameter '${w}' (this case's parameters: v)"));
  EXPECT_THAT(error_of("cases:\n  - name: a\n    params: [{v: 1}, {v: 1}]\n"
                       "    target: example/f/x\n    send: {type: int, value: 1}\n"),
              HasSubstr("t.yaml:2:5: duplicate case id 'a[v=1]' (first at line 2)"));
  EXPECT_THAT(error_of("cases:\n  - name: a\n    params: 3\n"
                       "    target: example/f/x\n    send: {type: int, value: 1}\n"),
              HasSubstr("t.yaml:3:13: params must be a list of rows"));
  EXPECT_THAT(error_of("cases:\n  - name: a\n    target: example/f/x\n    steps: []\n"
                       "    send: {type: int, value: 1}\n"),
              HasSubstr("either 'steps' or 'send'/'expect'"));
}

TEST(TestFileErrors, HostileYamlIsRefusedAtItsPosition) {
  // Each of these crashed sft test: a segmentation fault (the alias loop, 100,000 digits), an
  // uncaught std::out_of_range (1e400, 400 digits), nlohmann's type_error (invalid UTF-8), and
  // billions of nodes from a few hundred bytes.
  const std::string head = "cases:\n  - name: a\n    target: example/f/x\n";
  EXPECT_EQ(error_of("a: &a [*a]\n"),
            "t.yaml:1:4: values nested deeper than 256 levels (an alias inside its own anchor?)");
  std::string laughs = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 9; ++i) {
    laughs.append("l").append(std::to_string(i)).append(": &l").append(std::to_string(i));
    for (int j = 0; j < 10; ++j) {
      laughs.append(j == 0 ? " [*l" : ", *l").append(std::to_string(i - 1));
    }
    laughs += "]\n";
  }
  EXPECT_THAT(error_of(laughs), HasSubstr("expands to more than 200000 values"));
  EXPECT_EQ(error_of(head + "    send: {type: double, value: 1e400}\n"),
            "t.yaml:4:33: the number 1e400 is out of range: the largest double is about 1.8e308");
  EXPECT_THAT(
      error_of(head + "    send: {type: double, value: " + std::string(100'000, '9') + "}\n"),
      HasSubstr("t.yaml:4:33: the number 999999999999999999999999... (100000 characters)"));
  EXPECT_EQ(error_of(head + "    send: {type: string, value: \"\xff\"}\n"),
            "t.yaml:4:33: a value is not valid UTF-8 text");
}

TEST(TestFileErrors, NameUnreadableFiles) {
  try {
    load_test_file("/nonexistent/t.yaml");
    FAIL() << "no error";
  } catch (const TestFileError& e) {
    EXPECT_THAT(e.what(), HasSubstr("/nonexistent/t.yaml: cannot read the file"));
  }
  try {
    load_test_file("/");
    FAIL() << "no error";
  } catch (const TestFileError& e) {
    EXPECT_STREQ(e.what(), "/: cannot read the file: it is a directory");
  }
}

}  // namespace
}  // namespace statefun::cases
