// The transports' retry rules: which failures, how long to wait, when the budget is spent.
#include "retry_policy.hpp"

#include <algorithm>
#include <chrono>

namespace statefun::runtime::detail {

namespace {

using std::chrono::milliseconds;

/// The async transport's floor for one attempt's timeout (its 7-13 ms jitter, without jitter:
/// the runs are reproducible).
constexpr milliseconds kMinimumAttemptTimeout{10};

}  // namespace

std::string describe(const AttemptFailure& failure) {
  switch (failure.kind) {
    case AttemptFailure::Kind::connect:
      return failure.message.starts_with("cannot connect") ? failure.message
                                                           : "cannot connect: " + failure.message;
    case AttemptFailure::Kind::transport:
      return failure.message;
    case AttemptFailure::Kind::status:
      return "HTTP " + std::to_string(failure.status) +
             (failure.message.empty() ? "" : ": " + failure.message);
    case AttemptFailure::Kind::content_type:
      return "the answer's Content-Type is " + failure.message + ", not application/octet-stream";
    case AttemptFailure::Kind::malformed:
      return failure.message;
  }
  return failure.message;
}

bool RetryPolicy::okhttp_retries(const AttemptFailure& failure) noexcept {
  switch (failure.kind) {
    case AttemptFailure::Kind::connect:
    case AttemptFailure::Kind::transport:
      return true;
    case AttemptFailure::Kind::status: {
      const int s = failure.status;
      return s == 408 || s == 409 || s == 420 || s == 429 || s == 499 || s >= 500;
    }
    case AttemptFailure::Kind::content_type:
    case AttemptFailure::Kind::malformed:
      return false;
  }
  return false;
}

Clock::duration RetryPolicy::remaining(Clock::time_point now) const {
  return std::max(Clock::duration::zero(), created_ + transport_.call - now);
}

RetryPolicy::Decision RetryPolicy::after_failure(const AttemptFailure& failure,
                                                 Clock::time_point now) {
  ++attempts_;
  const std::string what = describe(failure);
  const std::string tries =
      " (" + std::to_string(attempts_) + (attempts_ == 1 ? " attempt" : " attempts") + ")";
  const Clock::duration left = remaining(now);
  if (transport_.kind == Transport::Kind::okhttp) {
    if (!okhttp_retries(failure)) {
      return {false, {}, what + tries + ": the OkHttp transport does not retry this"};
    }
    // 10 ms, doubling: 10, 20, 40, ...
    const Clock::duration backoff =
        milliseconds(10) * (std::int64_t{1} << std::min(attempts_ - 1, 30));
    if (left <= Clock::duration::zero()) {
      return {false,
              {},
              what + tries + ": the call budget of " + std::to_string(transport_.call.count()) +
                  " ms is spent"};
    }
    return {true, std::min(backoff, left), {}};
  }
  // async: 2 ms * 2^attempts made so far (4 ms before the second attempt), no retry once no
  // more than 1 ms is left
  if (left <= milliseconds(1)) {
    return {false,
            {},
            what + tries + ": the call budget of " + std::to_string(transport_.call.count()) +
                " ms is spent"};
  }
  const Clock::duration backoff = milliseconds(2) * (std::int64_t{1} << std::min(attempts_, 30));
  return {true, std::min(backoff, left), {}};
}

Clock::duration RetryPolicy::attempt_timeout(Clock::time_point now) const {
  const Clock::duration left = remaining(now);
  if (transport_.kind == Transport::Kind::okhttp) {
    return std::min<Clock::duration>(transport_.read, left);
  }
  return std::max<Clock::duration>(left, kMinimumAttemptTimeout);
}

}  // namespace statefun::runtime::detail
