
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <statefun/cases/case_runner.hpp>

#include "scripted_server.hpp"
#include "test_functions.hpp"

namespace statefun::cases {
namespace {

using std::chrono::milliseconds;
using testing::HasSubstr;
using testing::StartsWith;

/// Calls the test kit's example functions (example/counter, example/echo) in this process.
ClientFactory in_process() {
  return [](const std::string&, milliseconds) -> std::unique_ptr<testkit::Client> {
    return std::make_unique<testkit::InProcessClient>(statefun::test::make_test_handler());
  };
}

CaseResult run_one(const std::string& yaml, const ClientFactory& factory = in_process()) {
  static std::vector<TestFile> files;  // keeps the cases alive for the results
  files.push_back(parse_test_file(yaml, "t.yaml"));
  return run_case(files.back().cases.at(0), "http://127.0.0.1:9/", milliseconds(5000), factory);
}

TEST(CaseRunner, StepsShareStateLikeTheRuntime) {
  const CaseResult r = run_one(R"(cases:
  - name: counts
    target: example/counter/a
    steps:
      - send: {type: string, value: hi}
        expect:
          state: {n: {type: int, value: 1}}
          messages: [{to: example/sink/a, type: int, value: 1}]
          nothing_else: true
      - send: {type: string, value: hi}
        expect: {state: {n: {value: 2}}}
      - send: {type: string, value: reset}
        expect: {state: {n: deleted}, messages: []}
      - send: {type: string, value: hi}
        expect: {state: {n: {value: 1}}}
)");
  EXPECT_EQ(r.outcome, CaseResult::Outcome::passed) << r.message;
  EXPECT_EQ(r.id, "counts");
  EXPECT_EQ(r.where.line, 2);
}

TEST(CaseRunner, InitialStateAndBatches) {
  const CaseResult r = run_one(R"(cases:
  - name: batch
    target: example/counter/a
    state: {n: {type: int, value: 40}}
    send: [{type: string, value: x}, {type: string, value: ask}]
    expect:
      state: {n: {value: 42}}
      messages: [{value: 41}, {value: 42}]
      delayed: [{to: example/sink/a, delay: 250ms, token: t1, value: later}, {cancel: old}]
)");
  EXPECT_EQ(r.outcome, CaseResult::Outcome::passed) << r.message;
}

TEST(CaseRunner, AMissingStateStepIsSentAsItIs) {
  const CaseResult r = run_one(R"(cases:
  - name: asks
    target: example/counter/a
    send: {type: string, value: hi}
    expect: {missing_state: [{name: n, type: int, expire: none}], nothing_else: true}
)");
  EXPECT_EQ(r.outcome, CaseResult::Outcome::passed) << r.message;
}

TEST(CaseRunner, ErrorStatusesAndTheirBodies) {
  const CaseResult r = run_one(R"(cases:
  - name: boom
    target: example/counter/a
    send: {type: string, value: boom}
    expect: {status: 500, body: !regex boom requested}
)");
  EXPECT_EQ(r.outcome, CaseResult::Outcome::passed) << r.message;
}

TEST(CaseRunner, AFailingStepStopsTheCaseAndIsNamed) {
  const CaseResult r = run_one(R"(cases:
  - name: wrong
    target: example/counter/a
    steps:
      - send: {type: string, value: hi}
      - name: second
        send: {type: string, value: hi}
        expect: {messages: [{value: 3}]}
      - send: {type: string, value: boom}
)");
  ASSERT_EQ(r.outcome, CaseResult::Outcome::failed);
  EXPECT_EQ(r.summary, "step 2 'second' (t.yaml:6:9): expected message not found (t.yaml:8:29)");
  EXPECT_THAT(r.message, HasSubstr("-   \"value\": 3\n    +   \"value\": 2\n"));
  EXPECT_FALSE(r.unreachable);
}

TEST(CaseRunner, SkippedCasesDoNotRun) {
  const CaseResult r = run_one(R"(cases:
  - name: later
    skip: not yet
    target: example/counter/a
    send: {type: string, value: boom}
)");
  EXPECT_EQ(r.outcome, CaseResult::Outcome::skipped);
  EXPECT_EQ(r.message, "not yet");
}

TEST(CaseRunner, ConnectionFailuresMarkTheCaseUnreachable) {
  const ClientFactory refusing = [](const std::string& url,
                                    milliseconds) -> std::unique_ptr<testkit::Client> {
    throw testkit::CallError(testkit::CallErrorKind::connect,
                             "cannot connect to " + url + ": Connection refused");
  };
  const CaseResult r = run_one(
      "cases: [{name: a, target: example/counter/a, send: {type: string, value: x}}]", refusing);
  EXPECT_EQ(r.outcome, CaseResult::Outcome::failed);
  EXPECT_TRUE(r.unreachable);
  EXPECT_THAT(r.summary, StartsWith("error[connect]: cannot connect to http://127.0.0.1:9/"));
}

TEST(CaseRunner, ACaseThatOutlivesItsTimeoutFails) {
  statefun::test::ScriptedServer server({""});  // accepts the request and never answers
  const TestFile file = parse_test_file(
      "cases: [{name: slow, target: example/counter/a, send: {type: string, value: x}}]", "t.yaml");
  const std::string url = "http://127.0.0.1:" + std::to_string(server.port()) + "/statefun";
  const CaseResult r = run_case(file.cases[0], url, milliseconds(300), http_client_factory());
  EXPECT_EQ(r.outcome, CaseResult::Outcome::failed);
  EXPECT_EQ(r.summary,
            "error[timeout]: timed out: the case did not finish within its timeout of 300ms");
  EXPECT_GE(r.duration, milliseconds(300));
}

TEST(RunCases, ReportsInFileOrderWhateverTheConcurrency) {
  std::string yaml = "cases:\n";
  for (int i = 0; i < 24; ++i) {
    yaml += "  - {name: c" + std::to_string(i) + ", target: example/counter/x" + std::to_string(i) +
            ", send: {type: string, value: x}, expect: {messages: [{value: 1}]}}\n";
  }
  const TestFile file = parse_test_file(yaml, "t.yaml");
  std::vector<CaseJob> jobs;
  for (const auto& c : file.cases) {
    jobs.push_back({&c, "t.yaml", "http://unused/", milliseconds(5000)});
  }
  std::vector<std::string> reported;
  const auto results =
      run_cases(jobs, 4, in_process(), [&](const CaseResult& r) { reported.push_back(r.id); });
  ASSERT_EQ(results.size(), 24U);
  for (std::size_t i = 0; i < results.size(); ++i) {
    EXPECT_EQ(results[i].id, "c" + std::to_string(i));
    EXPECT_EQ(results[i].file, "t.yaml");
    EXPECT_EQ(results[i].outcome, CaseResult::Outcome::passed) << results[i].message;
    EXPECT_EQ(reported.at(i), results[i].id);
  }
}

}  // namespace
}  // namespace statefun::cases
