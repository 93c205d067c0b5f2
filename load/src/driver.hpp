// Driver: drives one client connection through a load test, as a user (closed model) or a share
// of the schedule (open model): it decides when to send which request and what each answer
// counts as. The HTTP is the project's one client connection (statefun::http).
#pragma once

#include <string>
#include <string_view>

#include <statefun/http/client_connection.hpp>
#include <statefun/load/result.hpp>

#include "request_encoder.hpp"
#include "run_plan.hpp"
#include "scheduler.hpp"

namespace statefun::load {

class Worker;

/// Single-threaded: every call comes from its worker's thread. Allocates only while its
/// buffers grow to the largest request and answer seen.
class Driver : private http::ClientConnection::Listener, private Scheduler::Sleeper {
 public:
  Driver(Worker& worker, unsigned global_index);

  /// Starts the loop.
  void start();

  /// Called every tick: times out a request or connection attempt that takes too long.
  void check_timeout(Clock::time_point now);

  /// True while a request or connection attempt is under way.
  bool busy() const noexcept { return client_.busy(); }

  /// Closes the socket and cancels any wait.
  void shutdown();

 private:
  enum class StateStep { done, resent, failed };

  void on_response(const http::MessageParser& response) override;
  void on_failure(http::ClientConnection::Failure failure, std::string_view message) override;
  void on_connected() override;

  /// A wait ended: the next request.
  void wake() override { next(); }

  /// Sends the next request now, or waits until it is due.
  void next();
  void wait_until(Clock::time_point when);
  void begin_request(Clock::time_point measured_from);
  /// Validates an answer and records it (or sends the request again with state).
  void complete(const http::MessageParser& response);
  /// After a good answer of a resolve_state kind: applies it, or resends with the missing state.
  StateStep resolve_state(std::string& message);
  void record_failure(FailureKind kind, std::string_view message);
  /// What a user does after a request: wait a while (closed model) or go on.
  void after_request();
  Clock::duration pause_after_request();

  Worker& worker_;
  unsigned index_;
  http::ClientConnection client_;
  bool done_ = false;
  bool timed_out_ = false;
  int kind_ = 0;
  Clock::time_point started_;        ///< of the current request or connection attempt
  Clock::time_point measured_from_;  ///< the latency's origin (the due time in the open model)
  Clock::time_point next_due_;       ///< open model: when the next request is due
  std::string out_;
  Rendered rendered_;  ///< resolve_state kinds: the request, to send it again with state
  int round_trips_ = 0;
};

}  // namespace statefun::load
