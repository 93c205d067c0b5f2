#include <chrono>
#include <sstream>

#include <gtest/gtest.h>

#include <statefun/runtime/trace_json.hpp>

namespace statefun::runtime {
namespace {

using nlohmann::json;

TEST(TraceJson, AnEventHasItsIdKindAndTimeAndWhatItCarries) {
  TraceEvent message{.kind = TraceEvent::Kind::message,
                     .id = 7,
                     .causes = {5},
                     .time = std::chrono::microseconds(1500),
                     .from = Address("example/person", "Bob"),
                     .to = Address("example/greeter", "Bob"),
                     .value = TypedValue{"example/GreetRequest", true, R"({"name":"Bob"})"}};
  EXPECT_EQ(trace_json(message),
            json::parse(R"({"id": 7, "kind": "message", "time_ms": 1.5, "causes": [5],
                            "from": "example/person/Bob", "to": "example/greeter/Bob",
                            "value": {"typename": "example/GreetRequest",
                                      "value": {"name": "Bob"}}})"));
  TraceEvent failure{.kind = TraceEvent::Kind::failure, .id = 9, .detail = "budget spent"};
  EXPECT_EQ(trace_json(failure), json::parse(R"({"id": 9, "kind": "failure", "time_ms": 0.0,
                            "detail": "budget spent"})"));
}

TEST(TraceJson, TheWriterWritesALinePerEvent) {
  std::ostringstream out;
  TraceWriter writer(out);
  writer.on_event({.kind = TraceEvent::Kind::ingress, .id = 1, .name = "send"});
  writer.on_event({.kind = TraceEvent::Kind::request, .id = 2, .causes = {1}, .count = 1});
  EXPECT_EQ(out.str(),
            R"({"id":1,"kind":"ingress","name":"send","time_ms":0.0})"
            "\n"
            R"({"causes":[1],"count":1,"id":2,"kind":"request","time_ms":0.0})"
            "\n");
}

}  // namespace
}  // namespace statefun::runtime
