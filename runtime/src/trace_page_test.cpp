// The trace page: self-contained, every text escaped, limits noted, causes linked.
#include <cstdint>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <statefun/runtime/trace_page.hpp>

namespace statefun::runtime {
namespace {

using testing::HasSubstr;
using testing::Not;

std::vector<TraceEvent> visit() {
  const Address bob("example/person", "Bob");
  return {
      {.kind = TraceEvent::Kind::ingress,
       .id = 1,
       .to = bob,
       .value = TypedValue{"example/GreetRequest", true, R"({"name":"<b>Bob</b>"})"},
       .name = "visits.jsonl:1"},
      {.kind = TraceEvent::Kind::request, .id = 2, .causes = {1}, .to = bob, .count = 1},
  };
}

TEST(TracePage, IsSelfContainedWithTheDiagramAndEveryStep) {
  const std::string page = trace_page(visit(), "t<1>.jsonl");
  EXPECT_TRUE(page.starts_with("<!DOCTYPE html>"));
  EXPECT_THAT(page, Not(HasSubstr("<script src")));
  EXPECT_THAT(page, Not(HasSubstr("<link")));
  EXPECT_THAT(page, HasSubstr("globalThis[\"mermaid\"]"));  // the library itself
  EXPECT_THAT(page, HasSubstr("<title>sft trace: t&lt;1&gt;.jsonl</title>"));
  EXPECT_THAT(page, HasSubstr("2 events (ingress 1, request 1)"));
  EXPECT_THAT(page, HasSubstr("<pre id=\"diagram\" class=\"mermaid\">sequenceDiagram\n"));
  // the value is escaped in the diagram's source and in the table, never markup
  EXPECT_THAT(page, Not(HasSubstr("<b>Bob</b>")));
  EXPECT_THAT(page, HasSubstr("&lt;b&gt;Bob&lt;/b&gt;"));
  // each row is an anchor, and the step it follows from a link to it
  EXPECT_THAT(page, HasSubstr("<tr id=\"e1\">"));
  EXPECT_THAT(page, HasSubstr("<tr id=\"e2\">"));
  EXPECT_THAT(page, HasSubstr("<a href=\"#e1\">#1</a>"));
}

TEST(TracePage, SaysWhatItLeavesOutOfALongTrace) {
  std::vector<TraceEvent> events;
  for (std::uint64_t id = 1; id <= 50; ++id) {
    events.push_back({.kind = TraceEvent::Kind::ingress,
                      .id = id,
                      .to = Address("example/person", "P" + std::to_string(id))});
  }
  const std::string page =
      trace_page(events, "t.jsonl", {.diagram_events = 10, .table_events = 20});
  EXPECT_THAT(page, HasSubstr("The diagram draws the first 10 of 50 events"));
  EXPECT_THAT(page, HasSubstr("The table lists the first 20 of 50 events"));
  EXPECT_THAT(page, HasSubstr("example/person/P10"));
  EXPECT_THAT(page, HasSubstr("<tr id=\"e20\">"));
  EXPECT_THAT(page, Not(HasSubstr("<tr id=\"e21\">")));
  EXPECT_THAT(page, Not(HasSubstr("example/person/P21")));
}

TEST(TraceSample, KeepsTheFirstEventsAndCountsThemAll) {
  TraceSample sample(2);
  EXPECT_EQ(sample.left_out(), "");
  for (std::uint64_t id = 1; id <= 5; ++id) {
    sample.on_event({.kind = TraceEvent::Kind::ingress, .id = id});
  }
  ASSERT_EQ(sample.events().size(), 2U);
  EXPECT_EQ(sample.events()[1].id, 2U);
  EXPECT_EQ(sample.left_out(), "the first 2 of 5 steps");
}

}  // namespace
}  // namespace statefun::runtime
