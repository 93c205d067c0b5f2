// Server: an HTTP/1.1 server for remote functions.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <statefun/handler.hpp>

namespace statefun {

/// How a Server listens and behaves.
struct ServerOptions {
  std::string address = "0.0.0.0";  ///< IPv4 or IPv6 address to bind
  std::uint16_t port = 8000;        ///< 0 picks a free port (see Server::port)
  std::string path = "/statefun";   ///< the only path served; others get 404
  unsigned threads = 0;             ///< event loops; 0 = one per CPU this process may use
  std::size_t max_body_bytes = 32 * 1024 * 1024;  ///< larger bodies get 413 (payload_max_bytes)
  std::chrono::milliseconds header_timeout{std::chrono::seconds(10)};  ///< to receive a request
  std::chrono::milliseconds idle_timeout{std::chrono::seconds(60)};    ///< keep-alive idle time
  bool handle_signals = true;  ///< run() returns on SIGINT/SIGTERM after in-flight requests
  /// Where start-up and error lines go; default: standard error.
  std::function<void(std::string_view line)> log;
};

/// The bytes-in, bytes-out function a Server calls for each request body. It may throw
/// statefun::Error: errc::malformed_request becomes 400, any other error 500 (with its text).
using RequestHandler = std::function<std::string(std::string_view body)>;

/// Serves POST requests on one path with a request handler, one event loop per thread.
///
/// Responses: 200 with `Content-Type: application/octet-stream`; 405 for a method other than
/// POST; 404 for another path; 415 for a content type other than application/octet-stream
/// (none is fine); 400 for an empty or unparsable body; 413 over max_body_bytes; 500 with the
/// error text when the handler throws. Keep-alive per HTTP/1.1, with header and idle timeouts.
///
/// Example:
///   statefun::Server server(statefun::RequestReplyHandler(std::move(functions)), {.port = 8000});
///   server.run();  // until SIGINT or SIGTERM
class Server {
 public:
  /// Serves a function registry; logs one start-up line per registered function.
  Server(const RequestReplyHandler& handler, ServerOptions options);

  /// Serves any handler. Binds at once: port() is known after construction.
  Server(RequestHandler handler, ServerOptions options);

  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// The bound port (the chosen one when options.port was 0).
  std::uint16_t port() const noexcept;

  /// Serves on the calling thread (plus threads-1 more) until stop() or, when handle_signals,
  /// SIGINT/SIGTERM; then waits for in-flight requests and returns.
  void run();

  /// Serves on background threads and returns at once.
  void start();

  /// Stops accepting, lets in-flight requests finish, closes idle connections. Thread-safe.
  void stop();

  /// Waits for the background threads started by start() to end.
  void wait();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace statefun
