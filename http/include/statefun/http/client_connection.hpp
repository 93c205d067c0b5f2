// ClientConnection: one keep-alive HTTP/1.1 client connection, the one HTTP client of the
// project (the load engine's connections, the test kit's HttpClient, later the runtime's).
// Part of statefun::http, an internal target: not installed, not an API.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/system/error_code.hpp>

#include <statefun/http/message_parser.hpp>
#include <statefun/http/read_buffer.hpp>

namespace statefun::http {

/// Sends requests and reads their responses over one connection, reconnecting when the server
/// closed it. Asynchronous on the io_context it is given; single-threaded (everything runs on
/// that io_context's thread). It has no timer of its own: the owner keeps the time and calls
/// close() when an exchange takes too long. Responses are parsed in place with MessageParser;
/// interim 1xx responses are skipped. Allocates only while its buffer grows to the largest
/// response seen.
///
/// Example:
///   struct Printer : ClientConnection::Listener {
///     void on_response(const MessageParser& r) override { std::cout << r.status() << "\n"; }
///     void on_failure(ClientConnection::Failure, std::string_view why) override {
///       std::cout << why << "\n";
///     }
///   } printer;
///   ClientConnection connection(io, endpoint, printer, {});
///   connection.exchange(request_bytes);  // request_bytes must live until the listener is called
///   io.run();
class ClientConnection {
 public:
  /// How an exchange failed.
  enum class Failure : std::uint8_t {
    connect,    ///< the connection could not be made
    transport,  ///< writing or reading failed, or the server closed before the whole response
    malformed,  ///< the response is not valid HTTP/1.1, or is over a limit
    aborted,    ///< close() was called during the exchange (a timeout, or the end of a run)
  };

  /// Receives the outcome of each exchange: exactly one call per exchange(). It may call
  /// exchange() again from either function.
  class Listener {
   public:
    virtual ~Listener() = default;

    /// The response; its body is valid until the next exchange() or close().
    virtual void on_response(const MessageParser& response) = 0;
    /// The exchange failed; `message` says why in one line.
    virtual void on_failure(Failure failure, std::string_view message) = 0;

    /// A new connection was made; the request is about to be written.
    virtual void on_connected() {}

   protected:
    Listener() = default;
    Listener(const Listener&) = default;
    Listener& operator=(const Listener&) = default;
  };

  struct Options {
    MessageParser::Limits limits{.max_header_bytes = std::size_t{64} * 1024,
                                 .max_body_bytes = std::size_t{64} << 20};
    std::size_t initial_buffer = 1024;  ///< the read buffer's first size
    /// Before reusing a kept-alive connection, check (without waiting) that the server has not
    /// closed it meanwhile, and reconnect if it has: a request is then never sent into a
    /// connection known to be dead. Costs one poll per request.
    bool check_before_reuse = false;
    /// With check_before_reuse, check only a connection idle at least this long: a server
    /// closes a kept-alive connection after seconds of idleness, not between two requests of a
    /// busy client, and the check is a system call. 0 checks before every reuse.
    std::chrono::milliseconds check_after_idle{0};
  };

  ClientConnection(boost::asio::io_context& io,
                   boost::asio::ip::tcp::endpoint endpoint,
                   Listener& listener,
                   Options options);
  ~ClientConnection();
  ClientConnection(const ClientConnection&) = delete;
  ClientConnection& operator=(const ClientConnection&) = delete;

  /// Sends `request` (a whole HTTP/1.1 request, valid until the listener is called), connecting
  /// first when no connection is open, and reads its response.
  void exchange(std::string_view request);

  /// Closes the socket; an exchange under way ends with Failure::aborted.
  void close() noexcept;

  /// Whether a connection is open (kept alive after the last response, or being used).
  bool is_open() const noexcept { return socket_.is_open(); }

  /// Whether an exchange (connecting, writing or reading) is under way.
  bool busy() const noexcept { return phase_ != Phase::idle; }

  /// Whether the current or last exchange is connecting (for the owner's timeouts).
  bool connecting() const noexcept { return phase_ == Phase::connecting; }

  /// Whether the current or last exchange reused a kept-alive connection.
  bool reused() const noexcept { return reused_; }

  /// Whether the current or last exchange wrote its whole request: a request that was not
  /// written completely cannot have been handled, so sending it again is safe.
  bool request_written() const noexcept { return written_ == request_.size() && !request_.empty(); }

 private:
  enum class Phase : std::uint8_t { idle, connecting, writing, reading };

  void connect();
  void on_connect(const boost::system::error_code& ec);
  /// Writes what is left of the request: synchronously when the socket takes it, else async.
  void write();
  /// Reads the response's next bytes (the reactor reads once the socket is readable).
  void wait_readable();
  /// `n` bytes were read (or the read failed): parses them, delivers a complete response.
  void on_read(const boost::system::error_code& ec, std::size_t n);
  /// Parses the buffered bytes; true when the exchange ended (delivered or failed).
  bool parse_buffered();
  /// The read ended without a whole response: the server closed the connection (a body that
  /// runs until the close is then complete), it failed, or close() aborted it.
  void on_end_of_stream(const boost::system::error_code& ec);
  /// Ends the exchange with the response.
  void deliver();
  /// Ends the exchange with a failure (closing the socket).
  void fail(Failure failure, std::string_view message);
  /// True when a kept-alive socket is readable: the server closed it or sent garbage.
  bool closed_by_peer() noexcept;

  boost::asio::ip::tcp::socket socket_;
  boost::asio::ip::tcp::endpoint endpoint_;
  Listener& listener_;
  Options options_;
  MessageParser parser_;
  ReadBuffer buffer_;
  std::string_view request_;
  std::size_t written_ = 0;
  Phase phase_ = Phase::idle;
  bool reused_ = false;
  std::chrono::steady_clock::time_point idle_since_{};  // when the last answer came
};

}  // namespace statefun::http
