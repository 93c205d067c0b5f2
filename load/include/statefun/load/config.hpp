// LoadConfig: what a load test does: target, workload model, bounds and timeouts.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <statefun/clock.hpp>

namespace statefun::load {

using Micros = std::chrono::microseconds;

/// One stage of a scenario: ramp linearly from the previous stage's target (0 at the start) to
/// `target` (users in the closed model, requests/s in the open one) over `duration`.
struct Stage {
  Micros duration{0};
  double target = 0;
};

/// The whole configuration of a run. Closed model (rate == 0): `users` connections each send,
/// wait for the answer, wait a random time in [wait_min, wait_max] and repeat; users start at
/// `spawn_rate` per second (0: all at once). Open model (rate > 0): requests are due at fixed
/// intervals spread over `connections`; latency is measured from the due time, so a stalled
/// server shows in the latency (as wrk2 does). With `stages`, the users or the rate follow them
/// and the run lasts their total duration.
struct LoadConfig {
  /// What the URL serves.
  enum class Target : std::uint8_t {
    function,  ///< a function service: each request a POST of ToFunction bytes
    /// the playground's HTTP ingress (PROTOCOL.md 4.3): each request a PUT of the kind's one
    /// argument to /namespace/type/id under the URL's path, Content-Type
    /// application/vnd.<typename>; any 2xx answer is a success
    playground_ingress,
  };

  std::string url;  ///< http://host:port/path
  Target target = Target::function;
  /// A playground egress topic to drain while the run lasts (e.g.
  /// http://127.0.0.1:8091/greetings; one record per GET): its records are counted per second
  /// (LoadResult::egress) until none came for a second after the last request. Empty: none.
  std::string egress_url;
  double rate = 0;                  ///< requests per second (open model) or 0
  unsigned users = 0;               ///< closed model: concurrent users (= connections)
  unsigned connections = 0;         ///< open model: connections; closed model: users if unset
  Micros wait_min{0}, wait_max{0};  ///< closed model: wait between a user's requests
  double spawn_rate = 0;            ///< users started per second, 0 = all at once
  std::vector<Stage> stages;
  bool stage_rates = false;    ///< the stages give rates (open model), not users
  Micros duration{0};          ///< 0 = bounded by `requests` only
  std::uint64_t requests = 0;  ///< total requests to send, 0 = bounded by `duration` only
  unsigned threads = 1;        ///< event-loop threads; 0 = one per usable CPU (usable_cpus())
  Micros timeout{std::chrono::seconds(10)};         ///< per request, from the send
  Micros connect_timeout{std::chrono::seconds(5)};  ///< per connection attempt
  /// An answer whose body is larger fails as malformed (the connection is closed, nothing more
  /// of it is read).
  std::size_t max_answer_bytes = std::size_t{64} << 20;
  std::uint64_t seed = 0;  ///< random seed; 0 picks one from the clock
  /// Runs in simulated time on this clock, with one worker thread: the engine moves it to the
  /// next due request whenever nothing is in flight, so rates, waits and stages are exact
  /// whatever the machine's speed. An answer that takes long in simulated time is one during
  /// which something else advances the clock (a test's server). Null: real time.
  std::shared_ptr<ManualClock> simulated_clock;
};

/// True for the open model (a rate, or stages of rates).
inline bool is_open_model(const LoadConfig& config) noexcept {
  return config.rate > 0 || (!config.stages.empty() && config.stage_rates);
}

/// The HTTP method of the run's requests: PUT to a playground ingress, else POST.
inline const char* request_method(const LoadConfig& config) noexcept {
  return config.target == LoadConfig::Target::playground_ingress ? "PUT" : "POST";
}

/// The run's length: the stages' total or `duration`.
Micros planned_duration(const LoadConfig& config) noexcept;

/// The stage target (users or rate) at `elapsed`, ramping linearly within each stage.
double stage_target(const std::vector<Stage>& stages, Micros elapsed) noexcept;

}  // namespace statefun::load
