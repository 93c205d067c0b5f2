// Worker: one event-loop thread of a run, with its drivers, scheduler, tools and stats.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/io_context.hpp>

#include <statefun/clock.hpp>
#include <statefun/load/result.hpp>
#include <statefun/protocol/response.hpp>

#include "request_encoder.hpp"
#include "run_plan.hpp"
#include "scheduler.hpp"
#include "state_store.hpp"
#include "validator.hpp"

namespace statefun::load {

class Driver;

/// One second (or the last, shorter interval) of one worker.
struct IntervalStats {
  int second = 0;  ///< 1 for the first second of the run
  Histogram latency;
  std::uint64_t requests = 0, failures = 0, content_bytes = 0;
};

/// What the drivers of one worker share to build requests and judge answers; touched by
/// the worker's thread only.
struct WorkerTools {
  WorkerTools(const RunPlan& plan, unsigned index);

  RequestEncoder encoder;
  Validator validator;
  Random random;
  StateStore state;
  std::string message;                             ///< the text of the last failure
  std::vector<std::string> names;                  ///< the last missing-state answer's names
  std::vector<protocol::StateMutation> mutations;  ///< the last answer's mutations
};

/// Runs the drivers (one per connection) of one thread. Everything except publishing is touched by
/// its own thread only. In simulated time (plan.simulated) it moves the clock to the next due
/// wake-up whenever no driver has an exchange in flight.
class Worker : private Scheduler::Sleeper, private Clock::JumpListener {
 public:
  /// Takes the drivers whose global index is `index`, `index + threads`, ...
  Worker(RunPlan& plan, unsigned index, unsigned threads);
  ~Worker() override;
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  /// The thread's body: runs until the run ends.
  void run();

  /// The intervals published since the last call (thread-safe).
  std::vector<IntervalStats> take_published();

  /// After run(): the per-kind counts and failures of this thread.
  const std::vector<KindResult>& kinds() const noexcept { return kinds_; }

  const std::vector<FailureRecord>& failures() const noexcept { return failures_; }

  // For the drivers.

  boost::asio::io_context& io() noexcept { return io_; }

  RunPlan& plan() noexcept { return plan_; }

  WorkerTools& tools() noexcept { return tools_; }

  /// Wakes `sleeper` at `when` (instead of any earlier wake-up it asked for).
  void wake_at(Scheduler::Sleeper& sleeper, Clock::time_point when);

  /// Forgets `sleeper`'s wake-up.
  static void cancel(Scheduler::Sleeper& sleeper) noexcept { Scheduler::cancel(sleeper); }

  /// Picks a request kind by weight.
  int pick_kind() noexcept;

  /// The next sequence number, unique over all threads.
  std::uint64_t next_sequence() noexcept { return sequence_ += threads_; }

  /// True while new requests may start.
  bool running() const noexcept { return !ending_; }

  /// Counts one completed request.
  void record(int kind, std::uint64_t micros, std::size_t content_bytes) noexcept;

  /// Counts one failed request; keeps the first message of each kind as the example.
  void record_failure(int kind,
                      FailureKind failure,
                      std::uint64_t micros,
                      std::string_view message);

 private:
  /// The tick (every 100 ms of the run's time): timeouts, the second's stats, the end.
  void wake() override;
  /// The clock jumped from outside (a test): timeouts are checked on this thread.
  void on_jump() override;
  void check_timeouts(Clock::time_point now);
  void run_simulated();
  bool any_busy() const;
  void publish(int next_second);
  void finish();

  RunPlan& plan_;
  unsigned threads_;
  boost::asio::io_context io_;
  Scheduler scheduler_;
  int ticks_ = 0;
  bool ending_ = false;
  bool finished_ = false;
  WorkerTools tools_;
  std::uint64_t sequence_;
  std::vector<KindResult> kinds_;
  std::vector<FailureRecord> failures_;  ///< kinds x kFailureKinds
  IntervalStats interval_;
  std::mutex published_mutex_;
  std::vector<IntervalStats> published_;
  std::vector<std::unique_ptr<Driver>> drivers_;
};

}  // namespace statefun::load
