// The examples of the runtime's public headers, compiled and run
// (scripts/check-header-examples checks that every header example appears here, line for line).
#undef NDEBUG  // the examples assert
#include <cassert>
#include <string>
#include <variant>

#include <gtest/gtest.h>

#include <statefun/runtime/ingress_record.hpp>
#include <statefun/runtime/module.hpp>
#include <statefun/runtime/playground_ingress.hpp>
#include <statefun/runtime/runtime.hpp>
#include <statefun/runtime/sequence_diagram.hpp>
#include <statefun/runtime/trace_json.hpp>
#include <statefun/runtime/trace_page.hpp>
#include <statefun/runtime/trace_timeline.hpp>

namespace statefun::runtime {
namespace {

TEST(HeaderExamples, Module) {
  const Module module = parse_module(
      "kind: io.statefun.endpoints.v2/http\n"
      "spec:\n"
      "  functions: example/*\n"
      "  urlPathTemplate: http://127.0.0.1:8000/statefun\n",
      "module.yaml");
  assert(module.endpoint_for("example/greeter")->url_for("example/greeter") ==
         "http://127.0.0.1:8000/statefun");
}

TEST(HeaderExamples, Runtime) {
  const std::string module_text =
      "kind: io.statefun.endpoints.v2/http\n"
      "spec:\n"
      "  functions: example/*\n"
      "  urlPathTemplate: http://127.0.0.1:1/statefun\n";
  Runtime runtime(parse_module(module_text, "module.yaml"),
                  RunOptions{.time = RunOptions::Time::simulated});
  const RunResult result = runtime.run();  // no input: it ends at once
  assert(result.end == RunResult::End::idle && result.egress.empty());
}

TEST(HeaderExamples, PlaygroundIngress) {
  const auto read = read_playground_ingress(
      "/example/person/Bob", "application/vnd.example/GreetRequest", R"({"name":"Bob"})");
  assert(std::get<IngressMessage>(read).target == Address("example/person", "Bob"));
}

TEST(HeaderExamples, TraceJson) {
  const Address bob("example/person", "Bob");
  const TraceEvent event{.kind = TraceEvent::Kind::ingress, .id = 1, .to = bob};
  assert(trace_json(event)["to"] == "example/person/Bob");
}

TEST(HeaderExamples, TraceEventFromJson) {
  // clang-format off
  const TraceEvent event = trace_event_from_json(
      nlohmann::json::parse(R"({"id": 3, "kind": "egress", "time_ms": 1.5,
                                "name": "io.statefun.playground/egress"})"));
  assert(event.kind == TraceEvent::Kind::egress && event.id == 3);
  // clang-format on
  EXPECT_EQ(event.name, "io.statefun.playground/egress");
}

TEST(HeaderExamples, TraceTimeline) {
  // clang-format off
  const TraceEvent visit{.kind = TraceEvent::Kind::ingress,
                         .id = 1,
                         .to = Address("example/person", "Bob"),
                         .name = "send"};
  assert(timeline_line(visit).ends_with(" ms  #1     ingress    -> example/person/Bob (send)"));
  // clang-format on
  EXPECT_EQ(timeline_line(visit),
            "       0.000 ms  #1     ingress    -> example/person/Bob (send)");
}

TEST(HeaderExamples, TraceTimelineStep) {
  // clang-format off
  const TraceEvent visit{.kind = TraceEvent::Kind::ingress,
                         .to = Address("example/person", "Bob"),
                         .name = "send"};
  assert(timeline_step(visit) == "-> example/person/Bob (send)");
  // clang-format on
  EXPECT_EQ(timeline_step(visit), "-> example/person/Bob (send)");
}

TEST(HeaderExamples, TracePage) {
  // clang-format off
  const TraceEvent visit{.kind = TraceEvent::Kind::ingress, .id = 1};
  assert(trace_page({visit}, "t.jsonl").starts_with("<!DOCTYPE html>"));
  // clang-format on
  EXPECT_TRUE(trace_page({visit}, "t.jsonl").starts_with("<!DOCTYPE html>"));
}

TEST(HeaderExamples, IngressRecord) {
  // clang-format off
  const Module module = parse_module(
      "kind: io.statefun.kafka.v1/ingress\n"
      "spec:\n"
      "  id: example/names\n"
      "  address: kafka:9092\n"
      "  topics:\n"
      "    - topic: names\n"
      "      valueType: example/GreetRequest\n"
      "      targets: [example/person]\n",
      "module.yaml");
  const auto messages = route_record(module, "names", "Bob", R"({"name":"Bob"})", "t");
  assert(messages.at(0).target == Address("example/person", "Bob"));
  // clang-format on
  EXPECT_EQ(messages.at(0).target, Address("example/person", "Bob"));
}

TEST(HeaderExamples, AdminStatePath) {
  // clang-format off
  assert(admin_state_path(Address("example/person", "Bob Jr")) ==
         "/state/example/person/Bob%20Jr");
  // clang-format on
  EXPECT_EQ(admin_state_path(Address("example/person", "Bob Jr")),
            "/state/example/person/Bob%20Jr");
}

TEST(HeaderExamples, SequenceDiagram) {
  const TraceEvent visit{.kind = TraceEvent::Kind::ingress, .id = 1};
  assert(mermaid_sequence({visit}).starts_with("sequenceDiagram\n"));
}

}  // namespace
}  // namespace statefun::runtime
