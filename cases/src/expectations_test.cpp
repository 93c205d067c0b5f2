
#include "expectations.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <statefun/types.hpp>

namespace statefun::cases::detail {
namespace {

using testing::ElementsAre;
using testing::HasSubstr;
using testing::IsEmpty;
using testing::SizeIs;

/// The expectations of a one-case file whose `expect:` is `flow` (a YAML flow map).
Expectations expect(const std::string& flow) {
  const TestFile file = parse_test_file(
      "types: {Record: io.statefun.playground/EgressRecord}\ncases:\n  - name: c\n"
      "    target: example/f/x\n    send: {type: int, value: 1}\n    expect: " +
          flow + "\n",
      "t.yaml");
  return file.cases[0].steps[0].expect;
}

StepOutcome answer(protocol::Response response) {
  return {200, "", std::move(response)};
}

/// The greeter's egress as the Go SDK writes it: HTML-escaped JSON with a trailing newline.
protocol::SentEgress go_greeting(const std::string& payload_json) {
  return {"io.statefun.playground/egress",
          {"io.statefun.playground/EgressRecord",
           true,
           R"({"topic":"greetings","payload":)" + payload_json + "}\n"}};
}

protocol::Response greeted(const std::string& payload_json) {
  protocol::Response r;
  r.kind = protocol::Response::Kind::invocation_result;
  r.egress.push_back(go_greeting(payload_json));
  return r;
}

TypedValue int_value(std::int32_t n) {
  return {"io.statefun.types/int", true, int_type().serialize(n)};
}

TEST(Expectations, ComparesDecodedValuesNotBytes) {
  const auto e = expect(R"({egress: [{to: io.statefun.playground/egress, type: Record,
      value: {topic: greetings, payload: "Welcome <George>"}}], nothing_else: true})");
  EXPECT_THAT(check_expectations(e, answer(greeted(R"("Welcome \u003cGeorge\u003e")"))), IsEmpty());
}

TEST(Expectations, ShowsADiffOfTheClosestRecord) {
  const auto e = expect("{egress: [{value: {topic: greetings, payload: Welcome Bob}}]}");
  protocol::Response r = greeted(R"("Welcome George")");
  r.egress.push_back(go_greeting(R"("Something else entirely")"));
  const auto failures = check_expectations(e, answer(r));
  ASSERT_THAT(failures, SizeIs(1));
  EXPECT_EQ(failures[0],
            "expected egress record not found (t.yaml:6:23)\n"
            "  closest egress record sent (#1 of 2) differs at value.payload (- expected, + "
            "actual):\n"
            "      {\n"
            "        \"value\": {\n"
            "    -     \"payload\": \"Welcome Bob\",\n"
            "    +     \"payload\": \"Welcome George\",\n"
            "          \"topic\": \"greetings\"\n"
            "        }\n"
            "      }\n");
}

TEST(Expectations, SubsetAndRegexMatches) {
  EXPECT_THAT(check_expectations(expect("{egress: [{value: {payload: !regex ^Welcome}, "
                                        "match: subset}]}"),
                                 answer(greeted(R"("Welcome George")"))),
              IsEmpty());
  const auto exact = check_expectations(expect("{egress: [{value: {payload: !regex ^Welcome}}]}"),
                                        answer(greeted(R"("Welcome George")")));
  ASSERT_THAT(exact, SizeIs(1));
  EXPECT_THAT(exact[0], HasSubstr("differs at value.topic"));
  EXPECT_THAT(check_expectations(expect("{egress: [{text: !regex 'greetings'}]}"),
                                 answer(greeted(R"("x")"))),
              IsEmpty());
}

TEST(Expectations, MatchesListsInAnyOrderEachItemOnce) {
  protocol::Response r;
  r.kind = protocol::Response::Kind::invocation_result;
  r.messages.push_back({Address::parse("example/g/b"), int_value(2)});
  r.messages.push_back({Address::parse("example/g/a"), int_value(1)});
  const auto e = expect("{messages: [{to: example/g/a, value: 1}, {type: int}]}");
  EXPECT_THAT(check_expectations(e, answer(r)), IsEmpty());
  const auto twice = expect("{messages: [{to: example/g/a}, {to: example/g/a}]}");
  EXPECT_THAT(check_expectations(twice, answer(r)),
              ElementsAre("expected message not found (t.yaml:6:44)\n"
                          "  the message sent that matches (#2 of 2) matched another expected "
                          "message"));
}

TEST(Expectations, NothingElseAndEmptyListsForbidOtherEffects) {
  protocol::Response r = greeted(R"("hi")");
  r.messages.push_back({Address::parse("example/g/a"), int_value(1)});
  r.mutations.push_back({protocol::StateMutation::Kind::modify, "n", int_value(4)});
  EXPECT_THAT(check_expectations(expect("{egress: [{type: Record}]}"), answer(r)), IsEmpty());
  EXPECT_THAT(
      check_expectations(expect("{messages: []}"), answer(r)),
      ElementsAre(
          R"(unexpected message (#1 sent): {"to":"example/g/a","type":"io.statefun.types/int","value":1})"));
  EXPECT_THAT(
      check_expectations(expect("{egress: [{type: Record}], nothing_else: true}"), answer(r)),
      ElementsAre(
          HasSubstr("unexpected message"),
          R"(unexpected state change: 'n' written {"type":"io.statefun.types/int","value":4})"));
}

TEST(Expectations, StateChanges) {
  protocol::Response r;
  r.kind = protocol::Response::Kind::invocation_result;
  r.mutations.push_back({protocol::StateMutation::Kind::modify, "visits", int_value(3)});
  r.mutations.push_back({protocol::StateMutation::Kind::remove, "old", std::nullopt});
  EXPECT_THAT(check_expectations(expect("{state: {visits: {type: int, value: 3}, old: deleted, "
                                        "other: unchanged}}"),
                                 answer(r)),
              IsEmpty());
  EXPECT_THAT(
      check_expectations(expect("{state: {visits: {value: 4}, old: unchanged, other: deleted}}"),
                         answer(r)),
      ElementsAre("state 'visits' (t.yaml:6:30): expected a different value\n"
                  "  differs at value (- expected, + actual):\n"
                  "      {\n    -   \"value\": 4\n    +   \"value\": 3\n      }\n",
                  "state 'old' (t.yaml:6:47): expected unchanged, but it was deleted",
                  HasSubstr("expected deleted, but it was not changed")));
}

TEST(Expectations, DelayedMessagesAndCancellations) {
  protocol::Response r;
  r.kind = protocol::Response::Kind::invocation_result;
  r.delayed.push_back({1500, Address::parse("example/x/y"), int_value(7), "t1", false});
  r.delayed.push_back({0, std::nullopt, std::nullopt, "old", true});
  EXPECT_THAT(
      check_expectations(expect("{delayed: [{cancel: old}, {to: example/x/y, "
                                "delay: 1500ms, token: t1, value: 7}], nothing_else: true}"),
                         answer(r)),
      IsEmpty());
  EXPECT_THAT(check_expectations(expect("{delayed: [{to: example/x/y, delay: 1s}]}"), answer(r)),
              ElementsAre(HasSubstr("-   \"delay\": \"1s\",\n    +   \"delay\": \"1500ms\",")));
}

TEST(Expectations, MissingState) {
  protocol::Response r;
  r.kind = protocol::Response::Kind::incomplete_invocation_context;
  r.missing_values.push_back({"visits", "io.statefun.types/int", Expiration::Mode::none, 0});
  r.missing_values.push_back({"seen", "example/T", Expiration::Mode::after_call, 60'000});
  EXPECT_THAT(check_expectations(expect("{missing_state: [{name: seen, expire: after_call 1m}, "
                                        "{name: visits, type: int, expire: none}]}"),
                                 answer(r)),
              IsEmpty());
  EXPECT_THAT(
      check_expectations(expect("{missing_state: [visits], nothing_else: true}"), answer(r)),
      ElementsAre(HasSubstr("unexpected missing state (#2 sent)")));
  EXPECT_THAT(check_expectations(expect("{missing_state: [visits]}"), answer(greeted("1"))),
              ElementsAre(HasSubstr("expected a missing-state answer, got {")));
}

TEST(Expectations, StatusAndBody) {
  const StepOutcome rejected{422, "invalid GreetRequest: \"name\" must be a string", {}};
  EXPECT_THAT(check_expectations(expect("{status: 422, body: !regex 'name. must be'}"), rejected),
              IsEmpty());
  EXPECT_THAT(check_expectations(expect("{egress: []}"), rejected),
              ElementsAre("expected status 200, got 422 (t.yaml:6:13): \"invalid GreetRequest: "
                          "\\\"name\\\" must be a string\""));
  EXPECT_THAT(check_expectations(expect("{status: 422, body: other}"), rejected),
              ElementsAre(HasSubstr("body (t.yaml:6:13): expected \"other\", got \"invalid")));
  EXPECT_THAT(check_expectations(expect("{status: 500}"), answer(greeted("1"))),
              ElementsAre(HasSubstr("expected status 500, got 200 (t.yaml:6:13); the answer: {")));
}

TEST(Expectations, ValuesThatAreNotJsonShowAsText) {
  protocol::Response r;
  r.kind = protocol::Response::Kind::invocation_result;
  r.messages.push_back({Address::parse("example/g/a"), {"example/Raw", true, "plain words"}});
  const auto failures = check_expectations(expect("{messages: [{value: {a: 1}}]}"), answer(r));
  ASSERT_THAT(failures, SizeIs(1));
  EXPECT_THAT(failures[0],
              HasSubstr("-   \"value\": {\n    -     \"a\": 1\n    -   }\n"
                        "    +   \"text\": \"plain words\""));
}

}  // namespace
}  // namespace statefun::cases::detail
