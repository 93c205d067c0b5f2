#include <chrono>
#include <string>

#include <gtest/gtest.h>

#include <statefun/runtime/trace_timeline.hpp>

namespace statefun::runtime {
namespace {

TEST(TraceTimeline, EachKindSaysWhoAndWhatAndWhatItFollowsFrom) {
  const Address bob("example/person", "Bob");
  const Address greeter("example/greeter", "Bob");
  const TypedValue request{"example/GreetRequest", true, R"({"name":"Bob","visits":1})"};
  EXPECT_EQ(timeline_line({.kind = TraceEvent::Kind::request,
                           .id = 2,
                           .causes = {1},
                           .time = std::chrono::microseconds(412),
                           .to = bob,
                           .count = 1}),
            "       0.412 ms  #2     request    -> example/person/Bob: 1 invocation, no state  "
            "(after #1)");
  EXPECT_EQ(timeline_line({.kind = TraceEvent::Kind::message,
                           .id = 7,
                           .causes = {5, 6},
                           .time = std::chrono::milliseconds(1500),
                           .from = bob,
                           .to = greeter,
                           .value = request}),
            "    1500.000 ms  #7     message    example/person/Bob -> example/greeter/Bob: "
            "example/GreetRequest {\"name\":\"Bob\",\"visits\":1}  (after #5, #6)");
  EXPECT_EQ(timeline_line({.kind = TraceEvent::Kind::state, .id = 9, .to = bob, .name = "visits"}),
            "       0.000 ms  #9     state      example/person/Bob visits deleted");
  EXPECT_EQ(
      timeline_line({.kind = TraceEvent::Kind::delayed,
                     .id = 4,
                     .from = bob,
                     .to = greeter,
                     .value = TypedValue{"io.statefun.types/string", true, "\n\x05hello"},
                     .name = "t1",
                     .count = 250}),
      "       0.000 ms  #4     delayed    example/person/Bob -> example/greeter/Bob in 250 ms "
      "(token t1): io.statefun.types/string hello");
}

TEST(TraceTimeline, ATraceCannotWriteLinesOfItsOwn) {
  const std::string line = timeline_line({.kind = TraceEvent::Kind::failure,
                                          .id = 3,
                                          .detail = "boom\nsft run: listening on http://evil/"});
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_NE(line.find("boom\\nsft run"), std::string::npos) << line;
}

TEST(TraceTimeline, LongValuesAreCut) {
  const std::string line =
      timeline_line({.kind = TraceEvent::Kind::fired,
                     .id = 1,
                     .to = Address("a/b", "c"),
                     .value = TypedValue{"example/Text", true, std::string(500, 'x')}});
  EXPECT_NE(line.find(std::string(120, 'x') + "..."), std::string::npos) << line;
  EXPECT_EQ(line.find(std::string(121, 'x')), std::string::npos);
}

}  // namespace
}  // namespace statefun::runtime
