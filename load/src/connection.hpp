// Connection: one keep-alive HTTP/1.1 connection that sends requests as its workload model
// says, reads each answer in place and hands it to the validator.
#pragma once

#include <string>
#include <string_view>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/system/error_code.hpp>

#include "http_response.hpp"
#include "request_encoder.hpp"
#include "run_plan.hpp"

namespace statefun::load {

class Worker;

/// A user (closed model) or a share of the schedule (open model). Single-threaded: every call
/// comes from its worker's thread. Allocates only while its buffers grow to the largest
/// request and answer seen.
class Connection {
 public:
  Connection(Worker& worker, unsigned global_index);

  /// Starts the loop.
  void start();

  /// Called every tick: times out a request or connection attempt that takes too long.
  void check_timeout(Clock::time_point now);

  /// True while a request or connection attempt is under way.
  bool busy() const noexcept { return state_ == State::connecting || state_ == State::exchanging; }

  /// Closes the socket and cancels any wait.
  void shutdown();

 private:
  enum class State { idle, waiting, connecting, exchanging, done };

  void next();
  void wait_until(Clock::time_point when);
  void begin_request(Clock::time_point measured_from);
  void connect();
  void on_connect(const boost::system::error_code& ec);
  void send();
  void on_write(const boost::system::error_code& ec);
  void wait_readable();
  void on_readable(const boost::system::error_code& ec);
  bool read_available();
  bool try_complete();
  void complete(std::string_view body);
  enum class StateStep { done, resent, failed };
  StateStep resolve_state(std::string& message);
  void fail(int failure_kind, std::string_view message);
  void close_socket() noexcept;
  Clock::duration pause_after_request();

  Worker& worker_;
  unsigned index_;
  boost::asio::ip::tcp::socket socket_;
  boost::asio::steady_timer timer_;
  State state_ = State::idle;
  bool timed_out_ = false;
  int kind_ = 0;
  Clock::time_point started_;        ///< of the current request or connection attempt
  Clock::time_point measured_from_;  ///< the latency's origin (the due time in the open model)
  Clock::time_point next_due_;       ///< open model: when the next request is due
  std::string out_;
  std::string in_;
  std::size_t in_used_ = 0;
  Rendered rendered_;  ///< resolve_state kinds: the request, to send it again with state
  int round_trips_ = 0;
  ResponseHead head_;
  bool have_head_ = false;
};

}  // namespace statefun::load
