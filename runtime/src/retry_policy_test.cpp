#include "retry_policy.hpp"

#include <chrono>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace statefun::runtime::detail {
namespace {

using std::chrono::milliseconds;

const Clock::time_point kStart{std::chrono::hours(1)};

AttemptFailure status(int s) {
  return {AttemptFailure::Kind::status, s, "busy"};
}

TEST(RetryPolicy, TheAsyncTransportRetriesEveryFailureWithAGrowingWait) {
  const Transport transport = Transport::defaults(Transport::Kind::async);
  RetryPolicy policy(transport, kStart);
  Clock::time_point now = kStart;
  std::vector<milliseconds> waits;
  for (const AttemptFailure& failure :
       {status(404),
        status(503),
        AttemptFailure{AttemptFailure::Kind::content_type, 0, "text/plain"},
        AttemptFailure{AttemptFailure::Kind::malformed, 0, "not a FromFunction"},
        AttemptFailure{AttemptFailure::Kind::connect, 0, "refused"}}) {
    const RetryPolicy::Decision decision = policy.after_failure(failure, now);
    ASSERT_TRUE(decision.retry) << failure.message;
    waits.push_back(std::chrono::duration_cast<milliseconds>(decision.wait));
    now += decision.wait;
  }
  EXPECT_EQ(
      waits,
      (std::vector<milliseconds>{
          milliseconds(4), milliseconds(8), milliseconds(16), milliseconds(32), milliseconds(64)}));
  EXPECT_EQ(policy.attempts(), 5);
}

TEST(RetryPolicy, WaitsAreCappedByTheBudgetAndItsEndGivesUp) {
  Transport transport = Transport::defaults(Transport::Kind::async);
  transport.call = milliseconds(100);
  RetryPolicy policy(transport, kStart);
  EXPECT_EQ(policy.attempt_timeout(kStart), milliseconds(100));  // the whole budget
  const RetryPolicy::Decision late = policy.after_failure(status(500), kStart + milliseconds(98));
  EXPECT_TRUE(late.retry);
  EXPECT_EQ(late.wait, milliseconds(2));  // 4 ms, capped by what is left
  EXPECT_EQ(policy.attempt_timeout(kStart + milliseconds(98)), milliseconds(10));  // the floor
  const RetryPolicy::Decision spent = policy.after_failure(status(500), kStart + milliseconds(99));
  EXPECT_FALSE(spent.retry);
  EXPECT_EQ(spent.why, "HTTP 500: busy (2 attempts): the call budget of 100 ms is spent");
}

TEST(RetryPolicy, OkHttpFailsAtOnceOnWhatItDoesNotRetry) {
  const Transport transport = Transport::defaults(Transport::Kind::okhttp);
  for (const int s : {408, 409, 420, 429, 499, 500, 503, 599}) {
    RetryPolicy policy(transport, kStart);
    EXPECT_TRUE(policy.after_failure(status(s), kStart).retry) << s;
  }
  for (const int s : {400, 404, 405, 413, 415, 422}) {
    RetryPolicy policy(transport, kStart);
    const RetryPolicy::Decision decision = policy.after_failure(status(s), kStart);
    EXPECT_FALSE(decision.retry) << s;
    EXPECT_EQ(decision.why,
              "HTTP " + std::to_string(s) +
                  ": busy (1 attempt): the OkHttp transport does not retry this");
  }
  RetryPolicy policy(transport, kStart);
  EXPECT_FALSE(
      policy.after_failure({AttemptFailure::Kind::content_type, 0, "text/plain"}, kStart).retry);
}

TEST(RetryPolicy, OkHttpWaitsFromTenMillisecondsDoublingAndEachAttemptHasItsReadTimeout) {
  Transport transport = Transport::defaults(Transport::Kind::okhttp);
  transport.call = std::chrono::seconds(15);
  RetryPolicy policy(transport, kStart);
  EXPECT_EQ(policy.attempt_timeout(kStart), std::chrono::seconds(10));
  EXPECT_EQ(policy.attempt_timeout(kStart + std::chrono::seconds(12)), std::chrono::seconds(3));
  Clock::time_point now = kStart;
  std::vector<milliseconds> waits;
  for (int i = 0; i < 4; ++i) {
    const RetryPolicy::Decision decision =
        policy.after_failure({AttemptFailure::Kind::transport, 0, "reset"}, now);
    ASSERT_TRUE(decision.retry);
    waits.push_back(std::chrono::duration_cast<milliseconds>(decision.wait));
  }
  EXPECT_EQ(waits,
            (std::vector<milliseconds>{
                milliseconds(10), milliseconds(20), milliseconds(40), milliseconds(80)}));
  EXPECT_FALSE(policy.after_failure(status(503), kStart + std::chrono::seconds(15)).retry);
}

}  // namespace
}  // namespace statefun::runtime::detail
