// RetryPolicy: when the runtime's transport retries a call and when it gives up, as the
// Statefun async (Netty) and OkHttp transports do (PROTOCOL.md 3.6).
#pragma once

#include <cstdint>
#include <string>

#include <statefun/clock.hpp>
#include <statefun/runtime/module.hpp>

namespace statefun::runtime::detail {

/// How one attempt failed.
struct AttemptFailure {
  enum class Kind : std::uint8_t {
    connect,       ///< the connection could not be made
    transport,     ///< writing or reading failed, the server closed, or the attempt timed out
    status,        ///< an HTTP status outside 2xx
    content_type,  ///< 2xx with a Content-Type other than application/octet-stream
    malformed,     ///< 2xx whose body is not a FromFunction, or over payload_max_bytes
  };

  Kind kind = Kind::transport;
  int status = 0;  ///< for Kind::status
  std::string message;
};

/// One line for `failure`: "HTTP 503: busy", "cannot connect: Connection refused", ...
std::string describe(const AttemptFailure& failure);

/// The retry rules of one call, from its creation: a budget of `transport.call` in all; the
/// async transport retries every failure with a backoff of 2 ms * 2^attempts and gives up when
/// no more than 1 ms is left; OkHttp retries I/O errors, timeouts and the statuses 408, 409,
/// 420, 429, 499 and >= 500 with a backoff from 10 ms doubling, and fails at once on anything
/// else. Waits are capped by the budget left.
class RetryPolicy {
 public:
  RetryPolicy(const Transport& transport, Clock::time_point created)
      : transport_(transport), created_(created) {}

  /// What to do after a failed attempt.
  struct Decision {
    bool retry = false;
    Clock::duration wait{};  ///< before the next attempt, when retrying
    std::string why;         ///< when giving up: the reason, the last failure included
  };

  /// Decides after the attempt that just failed (attempts() counts it) at `now`.
  Decision after_failure(const AttemptFailure& failure, Clock::time_point now);

  /// How long the next attempt may take: async, the budget left (at least 10 ms); OkHttp, its
  /// read timeout within the budget left.
  Clock::duration attempt_timeout(Clock::time_point now) const;

  /// Attempts made so far.
  int attempts() const noexcept { return attempts_; }

  /// Whether OkHttp retries this failure (the async transport retries all).
  static bool okhttp_retries(const AttemptFailure& failure) noexcept;

 private:
  Clock::duration remaining(Clock::time_point now) const;

  const Transport& transport_;
  Clock::time_point created_;
  int attempts_ = 0;
};

}  // namespace statefun::runtime::detail
