#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <statefun/runtime/sequence_diagram.hpp>
#include <statefun/types.hpp>

namespace statefun::runtime {
namespace {

TEST(SequenceDiagram, DrawsTheGreeterPipelineAsTheReferenceWorkflowDoes) {
  const Address person("example/person", "Bob");
  const Address greeter("example/greeter", "Bob");
  const TypedValue request{"example/GreetRequest", true, R"({"name":"Bob"})"};
  const std::vector<TraceEvent> events = {
      {.kind = TraceEvent::Kind::ingress, .id = 1, .to = person, .value = request},
      {.kind = TraceEvent::Kind::request, .id = 2, .to = person, .name = "visits", .count = 1},
      {.kind = TraceEvent::Kind::response, .id = 3, .to = person, .count = 2},
      {.kind = TraceEvent::Kind::message, .id = 4, .from = person, .to = greeter, .value = request},
      {.kind = TraceEvent::Kind::state,
       .id = 5,
       .to = person,
       .value = TypedValue{"io.statefun.types/int", true, int_type().serialize(1)},
       .name = "visits"},
      {.kind = TraceEvent::Kind::request, .id = 6, .to = greeter, .count = 1},
      {.kind = TraceEvent::Kind::response, .id = 7, .to = greeter, .count = 1},
      {.kind = TraceEvent::Kind::egress,
       .id = 8,
       .from = greeter,
       .value = TypedValue{"io.statefun.playground/EgressRecord",
                           true,
                           R"({"topic":"greetings","payload":"Welcome Bob; #1"})"},
       .name = "io.statefun.playground/egress",
       .detail = "greetings"}};
  EXPECT_EQ(mermaid_sequence(events),
            "sequenceDiagram\n"
            "    participant ingress\n"
            "    participant runtime\n"
            "    participant F1 as example/person\n"
            "    participant F2 as example/greeter\n"
            "    participant egress\n"
            "    ingress->>runtime: {\"name\":\"Bob\"} to example/person/Bob\n"
            "    runtime->>F1: Bob: 1 invocation, state visits\n"
            "    F1-->>runtime: Bob: 2 effects\n"
            "    Note over runtime: to example/greeter/Bob: {\"name\":\"Bob\"}\n"
            "    Note over F1: Bob visits = 1\n"
            "    runtime->>F2: Bob: 1 invocation\n"
            "    F2-->>runtime: Bob: 1 effect\n"
            "    runtime->>egress: greetings: Welcome Bob#59; #35;1\n");
}

TEST(SequenceDiagram, ControlCharactersAndLongValuesAreShortenedToOneLine) {
  const std::string control = mermaid_sequence({{.kind = TraceEvent::Kind::failure,
                                                 .id = 1,
                                                 .detail = std::string("a\nb\x01"
                                                                       "c")}});
  EXPECT_NE(control.find("FAILED: a b c\n"), std::string::npos) << control;
}

TEST(SequenceDiagram, LongValuesAreShortened) {
  const std::string diagram = mermaid_sequence(
      {{.kind = TraceEvent::Kind::failure, .id = 1, .detail = std::string(100, 'x')}});
  EXPECT_NE(diagram.find("FAILED: " + std::string(60, 'x') + "...\n"), std::string::npos)
      << diagram;
}

}  // namespace
}  // namespace statefun::runtime
