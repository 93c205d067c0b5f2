// Connection: one keep-alive HTTP/1.1 connection of an event loop.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <boost/intrusive/list_hook.hpp>

#include <statefun/clock.hpp>
#include <statefun/http/message_parser.hpp>
#include <statefun/http/read_buffer.hpp>
#include <statefun/http/response_head.hpp>

#include "detail/asio.hpp"

namespace statefun::detail::server {

class Loop;

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
  using Clock = statefun::Clock;

  Connection(Loop& loop, tcp::socket socket);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  Connection(Connection&&) = delete;
  Connection& operator=(Connection&&) = delete;

  /// Starts reading the first request.
  void start();

  /// Closes the socket when the current phase's deadline has passed.
  void expire_if_due(Clock::time_point now) noexcept;

  /// The loop stops: closes an idle or lingering connection now; a request that is being read,
  /// handled or written finishes first, and the connection closes after its response.
  void stop() noexcept;

  /// The drain deadline passed: closes the socket now, whatever the phase.
  void abort() noexcept { close(); }

 private:
  enum class Phase : std::uint8_t { idle, reading, writing, lingering };

  // Functions returning bool return true when the next buffered request may be parsed at once;
  // false when they started an operation or deleted the connection (then return at once).

  /// Runs a step that may throw only before it starts an operation (out of memory): then logs
  /// and closes.
  template <typename Step>
  void guard(Step step) noexcept;
  /// Reads more, with room for the whole request when its length is known.
  void read();
  /// A read completed: appends the bytes (or discards them when lingering) and processes.
  void on_read(const error_code& ec, std::size_t bytes);
  /// Parses the buffered bytes and answers every complete request, until it needs more.
  void process();
  /// Checks method, path and content type; answers 100 Continue when the client waits.
  bool check_head();
  /// Answers the complete request (calls the handler unless the head was refused).
  bool respond();
  /// Calls the handler: 200 with its bytes in body_, or the error status with its text.
  int call_handler(std::string_view body);
  /// Writes head_ and body_: synchronously when the socket takes it all, else asynchronously.
  bool write(int status, http::BodyType body_type, http::ConnectionHeader connection);
  /// A response is out (the last bytes went at `written_at`): next request, idle, or linger
  /// when the connection ends.
  bool after_write(Clock::time_point written_at);
  /// An asynchronous write completed.
  void on_write(const error_code& ec);
  /// Writes "100 Continue", then goes on processing.
  void write_continue();
  /// Answers an error with text/plain `reason` and closes after.
  void fail(int status, std::string_view reason);
  /// Shuts the send side down and discards what the client still sends, then closes.
  void linger();
  /// Closes the socket; the pending operation completes with an error and calls finish().
  void close() noexcept;
  /// Closes and deletes the connection; call only with no operation pending.
  void finish() noexcept;
  /// The current phase ends by now + `timeout` (checked by the loop's tick).
  void set_deadline(std::chrono::milliseconds timeout) noexcept;
  /// The current phase ends by `from` + `timeout`.
  void set_deadline(Clock::time_point from, std::chrono::milliseconds timeout) noexcept;

  Loop& loop_;
  tcp::socket socket_;
  http::MessageParser parser_;
  http::ReadBuffer buffer_;  // the current request and any pipelined after it, parsed in place
  std::array<char, http::kMaxHeadBytes> head_{};
  std::size_t head_size_ = 0;
  std::string body_;  // the response body
  Clock::time_point deadline_;
  Phase phase_ = Phase::idle;
  int reject_status_ = 0;  // a check of the head failed; answered once the request is read
  bool keep_alive_ = true;
  bool omit_body_ = false;  // a HEAD request
  bool closing_ = false;
};

}  // namespace statefun::detail::server
