// Worker: one event-loop thread of a run, with its connections, encoder, validator and stats.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <statefun/load/result.hpp>

#include "request_encoder.hpp"
#include "run_plan.hpp"
#include "state_store.hpp"
#include "validator.hpp"

namespace statefun::load {

class Connection;

/// One second (or the last, shorter interval) of one worker.
struct IntervalStats {
  int second = 0;  ///< 1 for the first second of the run
  Histogram latency;
  std::uint64_t requests = 0, failures = 0, content_bytes = 0;
};

/// Runs the connections of one thread. Everything except publishing is touched by its own
/// thread only.
class Worker {
 public:
  /// Takes the connections whose global index is `index`, `index + threads`, ...
  Worker(RunPlan& plan, unsigned index, unsigned threads);
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  /// The thread's body: runs until the run ends.
  void run();

  /// The intervals published since the last call (thread-safe).
  std::vector<IntervalStats> take_published();

  /// After run(): the per-kind counts and failures of this thread.
  const std::vector<KindResult>& kinds() const noexcept { return kinds_; }

  const std::vector<FailureRecord>& failures() const noexcept { return failures_; }

  // For the connections.
  boost::asio::io_context& io() noexcept { return io_; }

  RunPlan& plan() noexcept { return plan_; }

  RequestEncoder& encoder() noexcept { return encoder_; }

  Validator& validator() noexcept { return validator_; }

  Random& random() noexcept { return random_; }

  std::string& message() noexcept { return message_; }

  StateStore& state() noexcept { return state_; }

  std::vector<std::string>& names() noexcept { return names_; }

  std::vector<protocol::StateMutation>& mutations() noexcept { return mutations_; }

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
  void schedule_tick();
  void on_tick();
  void publish(int second);
  void finish();

  RunPlan& plan_;
  unsigned threads_;
  boost::asio::io_context io_;
  boost::asio::steady_timer tick_;
  int ticks_ = 0;
  bool ending_ = false;
  RequestEncoder encoder_;
  Validator validator_;
  Random random_;
  std::string message_;
  StateStore state_;
  std::vector<std::string> names_;
  std::vector<protocol::StateMutation> mutations_;
  std::uint64_t sequence_;
  std::vector<KindResult> kinds_;
  std::vector<FailureRecord> failures_;  ///< kinds x kFailureKinds
  IntervalStats interval_;
  std::mutex published_mutex_;
  std::vector<IntervalStats> published_;
  std::vector<std::unique_ptr<Connection>> connections_;
};

}  // namespace statefun::load
