// Loop: one event loop (an io_context on one thread) with its own acceptor and connections.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <boost/intrusive/list.hpp>

#include <statefun/http/response_head.hpp>
#include <statefun/server.hpp>

#include "detail/asio.hpp"
#include "server/connection.hpp"

namespace statefun::detail::server {

/// What every loop of a server shares, read-only while serving.
struct ServerConfig {
  RequestHandler handler;  ///< called for each request body
  ServerOptions options;   ///< with `log` set
};

/// An io_context run by one thread, with an SO_REUSEPORT acceptor of its own (the kernel spreads
/// connections over the loops), the connections it accepted, and a timer that enforces their
/// deadlines every 1/8 of the shortest timeout (5 ms to 1 s).
///
/// Example:
///   Loop loop(config, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0));
///   std::thread t([&] { loop.run(); });
///   loop.stop();  // from any thread
///   t.join();
class Loop : private Clock::JumpListener {
 public:
  /// Opens, binds and listens. Throws boost::system::system_error when it cannot.
  Loop(const ServerConfig& config, const tcp::endpoint& endpoint);
  ~Loop() override;
  Loop(const Loop&) = delete;
  Loop& operator=(const Loop&) = delete;
  Loop(Loop&&) = delete;
  Loop& operator=(Loop&&) = delete;

  /// The bound port.
  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }

  /// Accepts and serves until stop() and the last connection closed. Logs and survives any
  /// exception. Call once.
  void run() noexcept;

  /// Stops accepting, closes idle connections, lets the others finish. Thread-safe.
  void stop();

  /// The loop's io_context, for work that must run on the loop's thread.
  net::io_context& context() noexcept { return context_; }

  // For the connections, on the loop's thread:

  /// The server's handler and options.
  const ServerConfig& config() const noexcept { return config_; }

  /// Whether stop() took effect: connections close after their current request.
  bool stopping() const noexcept { return stopping_; }

  /// Where the timeouts read the time.
  const Clock& clock() const noexcept { return *config_.options.clock; }

  /// The Date header's value.
  std::string_view date() noexcept { return date_.now(); }

  /// Logs "statefun: CONTEXT: WHAT"; at most one line per second per loop (it counts the rest).
  void log_error(std::string_view context, std::string_view what) noexcept;

  /// A connection is gone (destroyed and unlinked): accepting resumes if it was full.
  void connection_closed() noexcept;

 private:
  using ConnectionList =
      boost::intrusive::list<Connection, boost::intrusive::constant_time_size<false>>;

  /// Accepts the next connection.
  void accept();
  /// Starts a connection (TCP_NODELAY) and accepts again; pauses when out of descriptors or at
  /// max_connections_.
  void on_accept(const error_code& ec, tcp::socket socket);
  /// Arms the deadline timer for one tick.
  void schedule_tick();
  /// Checks the deadlines, then arms the timer again.
  void on_tick();
  /// Closes connections past their deadline, and all of them once the drain deadline passed;
  /// resumes a paused accept.
  void check_deadlines();
  /// The clock jumped (a ManualClock): the deadlines are checked on the loop's thread.
  void on_jump() override;
  /// stop() on the loop's thread; the drain runs from when stop() was called.
  void do_stop(Clock::time_point drain_deadline);

  net::io_context context_{1};
  const ServerConfig& config_;
  tcp::acceptor acceptor_;
  net::steady_timer timer_;
  std::chrono::milliseconds tick_;
  ConnectionList connections_;
  http::DateClock date_;
  Clock::time_point next_error_log_ = Clock::time_point::min();  // one error line per second
  std::size_t errors_suppressed_ = 0;
  bool stopping_ = false;
  Clock::time_point drain_deadline_{};  // once stopping_: when what is left is closed
  bool accept_paused_ = false;          // out of file descriptors: retried at the next tick
  std::size_t max_connections_;         // this loop's share of options.max_connections
  std::size_t open_connections_ = 0;
  bool accept_full_ = false;  // at max_connections_: accepting again when one closes
};

}  // namespace statefun::detail::server
