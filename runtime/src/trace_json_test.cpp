#include <chrono>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

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

TEST(TraceJson, EveryEventReadsBackAsItWasWritten) {
  const std::vector<TraceEvent> events = {
      {.kind = TraceEvent::Kind::message,
       .id = 7,
       .causes = {5, 6},
       .time = std::chrono::microseconds(1500),
       .from = Address("example/person", "Bob"),
       .to = Address("example/greeter", "Bob"),
       .value = TypedValue{"example/GreetRequest", true, R"({"name":"Bob"})"}},
      {.kind = TraceEvent::Kind::delayed,
       .id = 8,
       .to = Address("example/reminder", "r"),
       .value = TypedValue{"io.statefun.types/int", true, std::string("\x08\x03", 2)},
       .name = "t1",
       .count = 60'000},
      {.kind = TraceEvent::Kind::failure, .id = 9, .detail = "budget spent"},
      {.kind = TraceEvent::Kind::state, .id = 10, .to = Address("a/b", "c"), .name = "n"}};
  std::ostringstream written;
  TraceWriter writer(written);
  for (const TraceEvent& event : events) {
    writer.on_event(event);
  }
  std::istringstream in("\n" + written.str() + "   \n");
  TraceReader reader(in, "trace.jsonl");
  for (const TraceEvent& expected : events) {
    const std::optional<TraceEvent> read = reader.next();
    ASSERT_TRUE(read);
    EXPECT_EQ(trace_json(*read), trace_json(expected));
  }
  EXPECT_FALSE(reader.next());
  EXPECT_EQ(reader.line(), 6U);
}

TEST(TraceJson, ALineThatIsNotAnEventNamesItsLineAndWhy) {
  const auto error_of = [](const std::string& text) -> std::string {
    std::istringstream in(text);
    TraceReader reader(in, "t.jsonl");
    try {
      while (reader.next()) {
      }
    } catch (const TraceError& e) {
      return e.what();
    }
    return "(read)";
  };
  const std::string good = R"({"id": 1, "kind": "ingress", "time_ms": 0})";
  EXPECT_EQ(error_of(good + "\n{\n"),
            "t.jsonl:2: not a JSON object (a trace has one event per line)");
  EXPECT_EQ(error_of(R"({"id": 1, "kind": "arrival", "time_ms": 0})"),
            "t.jsonl:1: unknown event kind \"arrival\"");
  EXPECT_EQ(error_of(R"({"id": -1, "kind": "ingress", "time_ms": 0})"),
            "t.jsonl:1: \"id\" must be a non-negative integer, not -1");
  EXPECT_EQ(error_of(R"({"kind": "ingress", "time_ms": 0})"), "t.jsonl:1: an event needs \"id\"");
  EXPECT_EQ(error_of(R"({"id": 1, "kind": "ingress", "time_ms": 0, "to": "nobody"})"),
            "t.jsonl:1: \"to\": invalid address 'nobody': expected namespace/type/id");
  EXPECT_EQ(error_of(R"({"id": 1, "kind": "ingress", "time_ms": "soon"})"),
            "t.jsonl:1: \"time_ms\" must be a number of milliseconds from 0 to 10^12, not "
            "\"soon\"");
  // found by the trace_file fuzz target: beyond the nanosecond clock's range (undefined)
  EXPECT_EQ(error_of(R"({"id": 1, "kind": "ingress", "time_ms": 6.66667e17})"),
            "t.jsonl:1: \"time_ms\" must be a number of milliseconds from 0 to 10^12, not "
            "6.66667e+17");
  EXPECT_EQ(error_of("[1, 2]"), "t.jsonl:1: an event must be a JSON object, not [1,2]");
  EXPECT_EQ(error_of(std::string(TraceReader::kMaxLineBytes + 1, ' ')),
            "t.jsonl:1: the line is longer than 64 MiB: not a trace");
}

}  // namespace
}  // namespace statefun::runtime
