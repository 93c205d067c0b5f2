// Pipeline cases: parsed from a test file, run through the local runtime against the C++
// greeter served on 127.0.0.1 (port 0), and checked against what the whole run did.
#include <chrono>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <statefun/cases/case_runner.hpp>
#include <statefun/handler.hpp>
#include <statefun/runtime/module.hpp>
#include <statefun/server.hpp>

#include "greeter.hpp"
#include "loopback_server.hpp"
#include "scripted_server.hpp"

namespace statefun::cases {
namespace {

using std::chrono::milliseconds;
using testing::HasSubstr;

/// The greeter's person and greeter functions on 127.0.0.1, port 0, for the test's duration.
class PipelineCaseTest : public testing::Test {
 protected:
  PipelineCaseTest() : server_(handler(), test::loopback_server_options()) { server_.start(); }

  static RequestReplyHandler handler() {
    StatefulFunctions functions;
    greeter::bind_functions(functions);
    return RequestReplyHandler(std::move(functions));
  }

  /// The playground greeter's module over this server, with or without its egress, and with a
  /// Kafka ingress whose topic `names` goes to example/person.
  runtime::Module module(bool with_egress = true) const {
    std::string text =
        "kind: io.statefun.endpoints.v2/http\n"
        "spec:\n"
        "  functions: example/*\n"
        "  urlPathTemplate: http://127.0.0.1:" +
        std::to_string(server_.port()) + "/statefun\n";
    if (with_egress) {
      text += "---\nkind: io.statefun.playground.v1/egress\nspec:\n  topics: [greetings]\n";
    }
    text +=
        "---\nkind: io.statefun.kafka.v1/ingress\nspec:\n  id: example/names\n"
        "  address: kafka:9092\n  topics:\n    - topic: names\n"
        "      valueType: example/GreetRequest\n      targets: [example/person]\n";
    return runtime::parse_module(text, "module.yaml");
  }

  /// Runs the only case of a pipeline file whose `cases:` list is `cases`.
  CaseResult run(const std::string& cases, bool with_egress = true) {
    files_.push_back(parse_test_file(kHeader + cases, "pipeline.test.yaml"));
    return run_pipeline_case(
        files_.back().pipeline_cases.at(0), module(with_egress), milliseconds(10'000), {});
  }

  static constexpr const char* kHeader =
      "module: module.yaml\n"
      "types: { GreetRequest: example/GreetRequest }\n"
      "cases:\n";

  /// Bob visits three times.
  static constexpr const char* kThreeVisits =
      "  - name: three visits\n"
      "    send:\n"
      "      - { to: example/person/Bob, type: GreetRequest, value: { name: Bob }, repeat: 3 }\n";

  Server server_;
  std::vector<TestFile> files_;  // the cases the results point into
};

TEST_F(PipelineCaseTest, BobVisitingThreeTimesEndsWithThreeGreetingsInOrderAndThreeVisits) {
  const CaseResult r = run(std::string(kThreeVisits) + R"(
    expect:
      egress:
        greetings:
          - { text: Welcome Bob }
          - { text: Nice to see you again Bob, type: io.statefun.playground/EgressRecord }
          - { text: { $regex: "^Third time" }, egress: io.statefun.playground/egress }
      messages:
        - { from: example/person/Bob, to: example/greeter/Bob, type: GreetRequest,
            value: { name: Bob, visits: 1 } }
        - { to: example/greeter/Bob, value: { name: Bob, visits: 2 } }
        - { to: example/greeter/Bob, value: { visits: 3 }, match: subset }
      state:
        example/person/Bob: { visits: { type: int, value: 3 } }
      nothing_else: true
)");
  EXPECT_EQ(r.outcome, CaseResult::Outcome::passed) << r.message;
  EXPECT_EQ(r.id, "three visits");
}

TEST_F(PipelineCaseTest, RecordsOutOfOrderFailWithTheRecordWhereTheExpectedOneWasDue) {
  const CaseResult r = run(std::string(kThreeVisits) + R"(
    expect:
      egress:
        greetings:
          - { text: Welcome Bob }
          - { text: Third time is the charm Bob }
          - { text: Nice to see you again Bob }
)");
  ASSERT_EQ(r.outcome, CaseResult::Outcome::failed);
  EXPECT_THAT(r.message,
              HasSubstr("expected egress record on topic 'greetings' #3 not found after #2 "
                        "(pipeline.test.yaml:13:13)"));
  EXPECT_THAT(r.message, HasSubstr("the topic got 3 records"));
}

TEST_F(PipelineCaseTest, AMismatchShowsTheRecordWhereItWasExpectedAsADiff) {
  const CaseResult r = run(std::string(kThreeVisits) + R"(
    expect:
      egress:
        greetings: [{ text: Welcome Bob }, { text: Nice to see you once more Bob }]
)");
  ASSERT_EQ(r.outcome, CaseResult::Outcome::failed);
  EXPECT_THAT(r.message, HasSubstr("record #2 of 3, where it was expected, differs at text"));
  EXPECT_THAT(r.message, HasSubstr("-   \"text\": \"Nice to see you once more Bob\""));
  EXPECT_THAT(r.message, HasSubstr("+   \"text\": \"Nice to see you again Bob\""));
}

TEST_F(PipelineCaseTest, InAnyOrderTheRecordsAreASet) {
  const CaseResult r = run(std::string(kThreeVisits) + R"(
    expect:
      egress_order: any
      egress:
        greetings:
          - { text: Third time is the charm Bob }
          - { text: Welcome Bob }
          - { text: Nice to see you again Bob }
)");
  EXPECT_EQ(r.outcome, CaseResult::Outcome::passed) << r.message;
}

TEST_F(PipelineCaseTest, NothingElseNamesWhatWasNotListed) {
  const CaseResult r = run(std::string(kThreeVisits) + R"(
    expect:
      egress:
        greetings: [{ text: Welcome Bob }, { text: Nice to see you again Bob }]
      nothing_else: true
)");
  ASSERT_EQ(r.outcome, CaseResult::Outcome::failed);
  EXPECT_THAT(r.message,
              HasSubstr("unexpected egress record on topic 'greetings' (#3 of the topic): "));
  EXPECT_THAT(r.message, HasSubstr("unexpected message (#1 sent): "));
  EXPECT_THAT(r.message, HasSubstr("unexpected state of example/person/Bob: 'visits'"));
}

TEST_F(PipelineCaseTest, AWrongFinalStateIsShownAsADiff) {
  const CaseResult r = run(std::string(kThreeVisits) + R"(
    expect:
      state:
        example/person/Bob: { visits: { type: int, value: 4 } }
        example/greeter/Bob: { visits: deleted }
        example/person/Alice: { visits: { value: 1 } }
)");
  ASSERT_EQ(r.outcome, CaseResult::Outcome::failed);
  EXPECT_THAT(r.message, HasSubstr("state 'visits' of example/person/Bob (pipeline.test.yaml:"));
  EXPECT_THAT(r.message, HasSubstr(": a different value\n  differs at value"));
  EXPECT_THAT(r.message, HasSubstr("state 'visits' of example/person/Alice (pipeline.test.yaml:"));
  EXPECT_THAT(r.message, HasSubstr("expected a value, but the address holds none"));
  EXPECT_THAT(r.message, testing::Not(HasSubstr("example/greeter/Bob")));
}

TEST_F(PipelineCaseTest, ARunThatFailsAsAFlinkJobFailsFailsTheCaseWithItsReason) {
  const CaseResult r = run(std::string(kThreeVisits) + R"(
    expect:
      egress: { greetings: [{ text: Welcome Bob }] }
)",
                           /*with_egress=*/false);
  ASSERT_EQ(r.outcome, CaseResult::Outcome::failed);
  EXPECT_THAT(r.message, HasSubstr("the run failed as a Flink job fails: "));
  EXPECT_THAT(r.message, HasSubstr("io.statefun.playground/egress"));
}

TEST_F(PipelineCaseTest, AnExpectedFailureIsMatchedByItsReason) {
  const std::string expect_failure = std::string(kThreeVisits) + R"(
    expect:
      failure: { $regex: "egress io\\.statefun\\.playground/egress" }
)";
  const CaseResult failed = run(expect_failure, /*with_egress=*/false);
  EXPECT_EQ(failed.outcome, CaseResult::Outcome::passed) << failed.message;

  const CaseResult did_not_fail = run(expect_failure);
  ASSERT_EQ(did_not_fail.outcome, CaseResult::Outcome::failed);
  EXPECT_THAT(did_not_fail.message, HasSubstr("but it ended without a failure"));
}

TEST_F(PipelineCaseTest, ARunThatDoesNotEndWithinTheTimeoutSaysWhatWasInFlight) {
  test::ScriptedServer silent({""});  // reads the request, never answers
  files_.push_back(parse_test_file(std::string(kHeader) + kThreeVisits, "pipeline.test.yaml"));
  const runtime::Module module = runtime::parse_module(
      "kind: io.statefun.endpoints.v2/http\nspec:\n  functions: example/*\n"
      "  urlPathTemplate: http://127.0.0.1:" +
          std::to_string(silent.port()) + "/statefun\n",
      "module.yaml");
  const CaseResult r =
      run_pipeline_case(files_.back().pipeline_cases.at(0), module, milliseconds(200), {});
  ASSERT_EQ(r.outcome, CaseResult::Outcome::failed);
  EXPECT_THAT(r.message,
              HasSubstr("timed out: the run did not end within the case's timeout of 200ms"));
  // the type's first request is in flight: the runtime waits for it and takes nothing else
  EXPECT_THAT(r.message,
              HasSubstr("in flight: example/person/Bob\n  input messages not yet taken: 2"));
}

TEST_F(PipelineCaseTest, RecordsOnAKafkaTopicGoWhereTheModulesIngressRoutesThem) {
  const CaseResult r = run(R"(  - name: names from Kafka
    send:
      - { topic: names, key: Ann, value: { name: Ann }, repeat: 2 }
    expect:
      egress:
        greetings: [{ text: Welcome Ann }, { text: Nice to see you again Ann }]
      state:
        example/person/Ann: { visits: { type: int, value: 2 } }
)");
  EXPECT_EQ(r.outcome, CaseResult::Outcome::passed) << r.message;

  const CaseResult unknown = run(R"(  - name: a topic no ingress reads
    send: { topic: clicks, key: Ann, text: x }
)");
  ASSERT_EQ(unknown.outcome, CaseResult::Outcome::failed);
  EXPECT_THAT(unknown.message,
              HasSubstr("no Kafka or Kinesis ingress of the module reads the topic 'clicks'"));
  EXPECT_THROW(parse_test_file(std::string(kHeader) + R"(  - name: a record with a type
    send: { topic: names, key: Ann, type: GreetRequest, value: {} }
)",
                               "pipeline.test.yaml"),
               TestFileError);
}

TEST_F(PipelineCaseTest, ASkippedCaseDoesNotRun) {
  const CaseResult r = run(std::string(kThreeVisits) + "    skip: not today\n");
  EXPECT_EQ(r.outcome, CaseResult::Outcome::skipped);
  EXPECT_EQ(r.message, "not today");
}

// What a pipeline file may not say, each refused at its line and column.
struct Refusal {
  std::string yaml;
  std::string error;
};

void PrintTo(const Refusal& refusal, std::ostream* out) {
  *out << refusal.error;
}

class PipelineFileRefusal : public testing::TestWithParam<Refusal> {};

TEST_P(PipelineFileRefusal, NamesTheLineAndWhy) {
  try {
    parse_test_file(GetParam().yaml, "p.test.yaml");
    FAIL() << "accepted:\n" << GetParam().yaml;
  } catch (const TestFileError& e) {
    EXPECT_EQ(std::string(e.what()), GetParam().error);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Errors,
    PipelineFileRefusal,
    testing::Values(
        Refusal{"module: m.yaml\nurl: http://127.0.0.1:1/\ncases: []\n",
                "p.test.yaml:2:6: a pipeline file calls the endpoints of its module; 'url' is for "
                "component test files (sft test --url replaces the module's endpoint URLs)"},
        Refusal{"clock: virtual\nurl: http://127.0.0.1:1/\ncases: []\n",
                "p.test.yaml:1:8: 'clock' is for pipeline files, which name their 'module'"},
        Refusal{"module: m.yaml\nclock: fast\ncases: []\n",
                "p.test.yaml:2:8: clock must be 'virtual' or 'real', not the string \"fast\""},
        Refusal{"module: m.yaml\ncases:\n  - name: a\n    target: a/b/c\n    send: []\n",
                "p.test.yaml:4:13: a pipeline case has no 'target': it sends messages with 'to' "
                "addresses and expects what the whole run did"},
        Refusal{"module: m.yaml\ncases:\n  - name: a\n    send: { type: int, value: 1 }\n",
                "p.test.yaml:4:11: a message to send needs 'to'"},
        Refusal{"module: m.yaml\ncases:\n  - name: a\n"
                "    send: { to: a/b/c, type: int, value: 1, repeat: 0 }\n",
                "p.test.yaml:4:53: repeat must be from 1 to 100000"},
        Refusal{
            "module: m.yaml\ncases:\n  - name: a\n    send: { to: a/b/c, type: int, value: 1 }\n"
            "    expect: { egress: [{ text: x }] }\n",
            "p.test.yaml:5:23: egress must map each topic to its expected records ({} for "
            "none), not a list"},
        Refusal{
            "module: m.yaml\ncases:\n  - name: a\n    send: { to: a/b/c, type: int, value: 1 }\n"
            "    expect: { state: { a/b/c: { n: unchanged } } }\n",
            "p.test.yaml:5:36: state 'n' must be {type, value} or deleted, not the string "
            "\"unchanged\""},
        Refusal{
            "module: m.yaml\ncases:\n  - name: a\n    send: { to: a/b/c, type: int, value: 1 }\n"
            "    expect: { egress_order: sorted }\n",
            "p.test.yaml:5:29: egress_order must be 'in_order' or 'any', not the string "
            "\"sorted\""}));

TEST(PipelineFile, AModuleMakesEveryCaseAPipelineCase) {
  const TestFile file = parse_test_file(
      "module: ../greeter/module.yaml\n"
      "clock: real\n"
      "cases:\n"
      "  - name: visit\n"
      "    params: [{ who: Bob }, { who: Alice }]\n"
      "    id: ${who}\n"
      "    send:\n"
      "      - { to: \"example/person/${who}\", type: example/GreetRequest, value: { name: x } }\n"
      "      - { to: example/person/x, type: int, value: 7, repeat: 2 }\n"
      "    expect: { egress: { greetings: [] }, messages: [], state: { example/person/x: } }\n",
      "p.test.yaml");
  EXPECT_EQ(file.module, "../greeter/module.yaml");
  EXPECT_TRUE(file.real_time);
  EXPECT_TRUE(file.cases.empty());
  ASSERT_EQ(file.pipeline_cases.size(), 2U);
  const PipelineCase& alice = file.pipeline_cases[1];
  EXPECT_EQ(alice.id, "visit[Alice]");
  ASSERT_EQ(alice.send.size(), 3U);
  EXPECT_EQ(alice.send[0].target, Address("example/person", "Alice"));
  EXPECT_EQ(alice.send[2].argument.type_name, "io.statefun.types/int");
  ASSERT_TRUE(alice.expect.egress);
  ASSERT_EQ(alice.expect.egress->size(), 1U);
  EXPECT_TRUE(alice.expect.egress->front().records.empty());
  EXPECT_TRUE(alice.expect.messages && alice.expect.messages->empty());
  ASSERT_TRUE(alice.expect.state);
  EXPECT_TRUE(alice.expect.state->front().states.empty());
}

}  // namespace
}  // namespace statefun::cases
