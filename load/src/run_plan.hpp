// RunPlan: what every worker thread of a run shares (read-only, plus a few atomics).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <boost/asio/ip/tcp.hpp>

#include <statefun/clock.hpp>
#include <statefun/load/config.hpp>
#include <statefun/load/request_kind.hpp>

namespace statefun::load {

using Clock = statefun::Clock;

/// Microseconds from `from` to `now` (0 when `now` is earlier).
inline std::uint64_t micros_since(Clock::time_point from, Clock::time_point now) noexcept {
  return now <= from
             ? 0
             : static_cast<std::uint64_t>(std::chrono::duration_cast<Micros>(now - from).count());
}

/// The shared, prepared form of a LoadConfig.
struct RunPlan {
  RunPlan(const LoadConfig& c, const std::vector<RequestKind>& k, Clock& run_clock)
      : config(c), kinds(k), clock(run_clock) {}

  const LoadConfig& config;
  const std::vector<RequestKind>& kinds;
  Clock& clock;            ///< the run's time: the steady clock, or config.simulated_clock
  bool simulated = false;  ///< the workers move `clock` themselves (one worker)
  std::vector<unsigned> cumulative_weights;  ///< for picking a kind
  boost::asio::ip::tcp::endpoint endpoint;
  std::string host;    ///< the Host header
  std::string target;  ///< the request path
  bool open_model = false;
  unsigned connections = 0;  ///< over all threads
  Clock::time_point start;
  Clock::time_point deadline = Clock::time_point::max();  ///< no new request after it
  std::atomic<std::int64_t> remaining{0};   ///< requests left when config.requests > 0
  const std::atomic<bool>* stop = nullptr;  ///< set from outside to end the run early
  std::uint64_t seed = 0;

  /// The run's current time.
  Clock::time_point now() const noexcept { return clock.now(); }

  /// Users (closed model) or requests per second (open model) wanted at `now`.
  double target_at(Clock::time_point now) const noexcept;

  /// Takes one request from the budget; false when none is left.
  bool take_request() noexcept {
    return config.requests == 0 || remaining.fetch_sub(1, std::memory_order_relaxed) > 0;
  }
};

}  // namespace statefun::load
