// Connection: one keep-alive HTTP/1.1 connection of an event loop.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include <boost/intrusive/list_hook.hpp>

#include "detail/asio.hpp"
#include "server/read_buffer.hpp"
#include "server/request_parser.hpp"
#include "server/response.hpp"

namespace statefun::detail::http {

class Loop;

/// CLOCK_MONOTONIC_COARSE: a few nanoseconds per reading, with the kernel tick's granularity
/// (a few milliseconds), which is plenty for connection timeouts.
struct CoarseClock {
  using duration = std::chrono::nanoseconds;
  using rep = duration::rep;
  using period = duration::period;
  using time_point = std::chrono::time_point<CoarseClock>;
  static constexpr bool is_steady = true;

  static time_point now() noexcept;
};

/// Links a Connection into its Loop's list; unlinks itself when the connection is destroyed.
using ConnectionHook =
    boost::intrusive::list_base_hook<boost::intrusive::link_mode<boost::intrusive::auto_unlink>>;

/// Reads requests from one socket, answers them in order, and closes on a timeout, an error, a
/// `Connection: close`, an HTTP/1.0 request without keep-alive, or when the loop stops.
///
/// Life cycle: idle (waiting for a request's first byte, `idle_timeout`) -> reading (from the
/// first byte until the whole request is there, `header_timeout`) -> the handler runs on the
/// loop's thread -> writing (one gather write: head, then body; `idle_timeout`) -> idle again,
/// or lingering (send side shut down, reading and discarding what the client still sends, up to
/// 5 s) before it closes. The loop owns it; it always has exactly one read or write pending
/// between handlers, and it deletes itself when that operation completes after the socket
/// closed. Not thread-safe: everything runs on the loop's thread.
class Connection : public ConnectionHook {
 public:
  using Clock = CoarseClock;

  Connection(Loop& loop, tcp::socket socket);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// Starts reading the first request.
  void start();

  /// Closes the socket when the current phase's deadline has passed.
  void expire_if_due(Clock::time_point now) noexcept;

  /// The loop stops: closes an idle or lingering connection now; a request that is being read,
  /// handled or written finishes first, and the connection closes after its response.
  void stop() noexcept;

 private:
  enum class Phase : std::uint8_t { idle, reading, writing, lingering };

  /// Runs a step that may throw only before it starts an operation (out of memory): then logs
  /// and closes.
  template <typename Step>
  void guard(Step step) noexcept;
  void read();
  void on_read(const error_code& ec, std::size_t bytes);
  // The functions that return bool return true when the next buffered request may be parsed
  // at once; when false they have started an operation or deleted the connection.
  void process();
  bool check_head();
  bool respond();
  int call_handler(std::string_view body);
  bool write(int status, BodyType body_type, ConnectionHeader connection);
  bool after_write();
  void on_write(const error_code& ec);
  void write_continue();
  void fail(int status, std::string_view reason);
  void linger();
  void close() noexcept;
  void finish() noexcept;
  void set_deadline(std::chrono::milliseconds timeout) noexcept;

  Loop& loop_;
  tcp::socket socket_;
  RequestParser parser_;
  ReadBuffer buffer_;  // the current request and any pipelined after it, parsed in place
  std::array<char, kMaxHeadBytes> head_{};
  std::size_t head_size_ = 0;
  std::string body_;  // the response body
  Clock::time_point deadline_;
  Phase phase_ = Phase::idle;
  int reject_status_ = 0;  // a check of the head failed; answered once the request is read
  bool keep_alive_ = true;
  bool omit_body_ = false;  // a HEAD request
  bool closing_ = false;
};

}  // namespace statefun::detail::http
