#include "playground_egress_queues.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

namespace statefun::runtime::detail {
namespace {

/// Asks the queues for `target` and keeps the answers it gets.
class Reader {
 public:
  explicit Reader(PlaygroundEgressQueues& queues) : queues_(queues) {}

  /// The answer given at once, if any.
  std::optional<LocalResponse> ask(std::string_view target) {
    const std::size_t before = answers.size();
    queues_.request(target, [this](const LocalResponse& r) { answers.push_back(r); });
    return answers.size() > before ? std::optional(answers.back()) : std::nullopt;
  }

  std::string body(std::string_view target) {
    const auto answer = ask(target);
    return answer ? answer->body : "<no answer>";
  }

  std::vector<LocalResponse> answers;

 private:
  PlaygroundEgressQueues& queues_;
};

TEST(PlaygroundEgressQueues, PopsOnePayloadPerRequestInOrderThenAnEmptyBody) {
  boost::asio::io_context io;
  PlaygroundEgressQueues queues(io, {"greetings", "other"});
  Reader reader(queues);
  ASSERT_TRUE(queues.push("greetings", "Welcome Bob"));
  ASSERT_TRUE(queues.push("greetings", "Nice to see you again Bob"));
  ASSERT_TRUE(queues.push("other", "x"));
  const auto first = reader.ask("/greetings");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(first->body_type, http::BodyType::unlabelled);
  EXPECT_EQ(first->body, "Welcome Bob");
  EXPECT_EQ(reader.body("/greetings?x=1"), "Nice to see you again Bob");
  const auto empty = reader.ask("/greetings");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->status, 200);
  EXPECT_EQ(empty->body, "");
  EXPECT_EQ(reader.body("/other"), "x");
}

TEST(PlaygroundEgressQueues, AnUnknownTopicIsA404NamingTheTopics) {
  boost::asio::io_context io;
  PlaygroundEgressQueues queues(io, {"greetings"});
  Reader reader(queues);
  const auto r = reader.ask("/nope");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(r->body, "the playground egress has no topic 'nope' (its topics: greetings)");
  EXPECT_EQ(reader.ask("/")->status, 404);
}

TEST(PlaygroundEgressQueues, DropsAndCountsWhatAFullQueueCannotHold) {
  boost::asio::io_context io;
  PlaygroundEgressQueues queues(io, {"t"}, 2);
  Reader reader(queues);
  EXPECT_TRUE(queues.push("t", "1"));
  EXPECT_TRUE(queues.push("t", "2"));
  EXPECT_FALSE(queues.push("t", "3"));
  EXPECT_FALSE(queues.push("unknown", "4"));
  EXPECT_EQ(queues.dropped(), 2U);
  EXPECT_EQ(reader.body("/t"), "1");
  EXPECT_TRUE(queues.push("t", "4"));
  EXPECT_EQ(reader.body("/t"), "2");
  EXPECT_EQ(reader.body("/t"), "4");
}

TEST(PlaygroundEgressQueues, AWaitingRequestGetsTheNextPayloadPushed) {
  boost::asio::io_context io;
  PlaygroundEgressQueues queues(io, {"t"});
  Reader reader(queues);
  EXPECT_FALSE(reader.ask("/t?wait=10min"));  // parked
  EXPECT_FALSE(reader.ask("/t?a=b&wait=10min"));
  EXPECT_TRUE(queues.push("t", "first"));
  EXPECT_TRUE(queues.push("t", "second"));
  EXPECT_TRUE(queues.push("t", "third"));  // nobody waits: queued
  ASSERT_EQ(reader.answers.size(), 2U);
  EXPECT_EQ(reader.answers[0].body, "first");
  EXPECT_EQ(reader.answers[1].body, "second");
  EXPECT_EQ(reader.body("/t?wait=1s"), "third");  // a payload is there: no wait
  io.poll();                                      // the cancelled timers do nothing
  EXPECT_EQ(reader.answers.size(), 3U);
}

TEST(PlaygroundEgressQueues, AWaitThatPassesAnswersAnEmptyBody) {
  boost::asio::io_context io;
  PlaygroundEgressQueues queues(io, {"t"});
  Reader reader(queues);
  EXPECT_FALSE(reader.ask("/t?wait=0ms"));
  io.run();  // the timer, due at once
  ASSERT_EQ(reader.answers.size(), 1U);
  EXPECT_EQ(reader.answers[0].status, 200);
  EXPECT_EQ(reader.answers[0].body, "");
  EXPECT_TRUE(queues.push("t", "late"));  // queued for the next reader, not lost
  EXPECT_EQ(reader.body("/t"), "late");
}

TEST(PlaygroundEgressQueues, ABadWaitIsA400WithTheReason) {
  boost::asio::io_context io;
  PlaygroundEgressQueues queues(io, {"t"});
  Reader reader(queues);
  const auto r = reader.ask("/t?wait=soon");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(r->body.rfind("wait=soon: ", 0), 0U) << r->body;
}

}  // namespace
}  // namespace statefun::runtime::detail
