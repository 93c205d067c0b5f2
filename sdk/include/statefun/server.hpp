// Server: an HTTP/1.1 server for remote functions.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <statefun/clock.hpp>
#include <statefun/handler.hpp>

namespace statefun {

/// The CPUs this process may run on (its affinity mask: under `taskset -c 0` it is 1), at least
/// 1: what `threads = 0` means for a Server and for sft load.
unsigned usable_cpus() noexcept;

/// How a Server listens and behaves.
struct ServerOptions {
  std::string address = "0.0.0.0";  ///< IPv4 or IPv6 address to bind
  std::uint16_t port = 8000;        ///< 0 picks a free port (see Server::port)
  std::string path = "/statefun";   ///< the only path served (query ignored); others get 404
  unsigned threads = 0;  ///< event loops; 0 = one per CPU in this process's affinity mask
  std::size_t max_body_bytes =
      std::size_t{32} * 1024 * 1024;  ///< larger bodies get 413 (payload_max_bytes)
  /// What one request body may hold (invocations, state entries, value sizes); beyond it, 413.
  /// Applies when serving a RequestReplyHandler.
  RequestLimits limits{};
  /// How long a request may take to arrive, head and body, from its first byte; then the
  /// connection closes.
  std::chrono::milliseconds header_timeout{std::chrono::seconds(10)};
  /// How long a connection may wait for its next request (a new one: for its first), and how
  /// long a response write may stall; then the connection closes.
  std::chrono::milliseconds idle_timeout{std::chrono::seconds(60)};
  /// The most connections served at once, split evenly over the loops (each takes at least
  /// one). A loop that has its share stops accepting: new connections wait in the kernel's
  /// listen backlog until one of its connections closes (as nginx's worker_connections). Keep it
  /// under the process's descriptor limit.
  std::size_t max_connections = 10'000;
  /// How long stop() (or SIGTERM) lets the requests in flight finish; then their connections
  /// close. Under Kubernetes' default grace period of 30 s, so a pod ends on its own terms.
  std::chrono::milliseconds drain_timeout{std::chrono::seconds(20)};
  /// Whether SIGINT/SIGTERM stop the server (as stop() does) once run() or start() was called.
  /// Off by default: a library does not take a process's signals unless asked (a service's
  /// main asks).
  bool handle_signals = false;
  /// Where start-up and error lines go (called from any thread); default: standard error.
  std::function<void(std::string_view line)> log{};
  /// Where the timeouts read the time; default: the steady clock at the kernel tick's
  /// resolution. A ManualClock lets a test decide when they pass.
  std::shared_ptr<Clock> clock{};
};

/// The bytes-in, bytes-out function a Server calls for each request body, on the thread of the
/// connection's event loop (so it must be thread-safe when threads > 1). It may throw:
/// statefun::Error becomes the status http_status(code) gives (400, 413, 422 or 500), any other
/// exception 500; the body is the error's what() as text/plain.
using RequestHandler = std::function<std::string(std::string_view body)>;

/// Serves POST requests on one path with a request handler: HTTP/1.1 with keep-alive,
/// pipelining, chunked request bodies and `Expect: 100-continue`; one event loop per thread,
/// each with its own SO_REUSEPORT listener.
///
/// Responses: 200 with exactly `Content-Type: application/octet-stream`; 405 (with
/// `Allow: POST`) for a method other than POST; 404 for another path; 415 for a content type
/// other than application/octet-stream (none is fine); 400 for an empty body or malformed HTTP
/// (then it closes); 413 when Content-Length exceeds max_body_bytes (checked before the body is
/// read; then it closes) or the body exceeds options.limits; 400, 422 or 500 with the error text
/// when the handler throws (see RequestHandler). Errors are text/plain. An HTTP/1.0 request closes
/// the connection unless it asked for keep-alive; `Connection: close` is honoured. Handler failures
/// are logged, at most one line per second per loop.
///
/// Example:
///   statefun::Server server(statefun::RequestReplyHandler(std::move(functions)),
///                           {.port = 8000, .handle_signals = true});
///   server.run();  // until SIGINT or SIGTERM
class Server {
 public:
  /// Serves a function registry; logs one start-up line per registered function, e.g.
  /// `statefun: serving example/person (state: visits io.statefun.types/int)`.
  Server(const RequestReplyHandler& handler, ServerOptions options);

  /// Serves any handler. Binds and listens at once, so port() is known after construction.
  /// Throws statefun::Error (errc::invalid_argument) for bad options and std::system_error
  /// (with the OS error, e.g. address in use) when it cannot listen.
  Server(RequestHandler handler, ServerOptions options);

  /// Stops (see stop()) and waits for the threads. From a handler (one of the server's own
  /// threads) it stops and returns at once: that thread finishes the requests in flight, waits
  /// for the other threads and frees the server when its loop has returned; run() then returns.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// The bound port (the chosen one when options.port was 0).
  std::uint16_t port() const noexcept;

  /// Logs `statefun: listening on http://ADDRESS:PORT/PATH (N threads)` and serves on the
  /// calling thread (plus threads-1 more) until stop() or, when handle_signals, SIGINT/SIGTERM;
  /// then waits for in-flight requests and returns. Call run() or start() once; later calls
  /// return at once.
  void run();

  /// Like run(), but serves on `threads` background threads and returns at once.
  void start();

  /// Stops accepting, closes idle connections, lets requests being read, handled or written
  /// finish (their responses end the connection) for at most options.drain_timeout, then closes
  /// what is left, and makes run() return. Thread-safe, may be called from a handler, before
  /// run(), or more than once.
  void stop();

  /// Waits for the background threads of start() (or run()) to end. Not from a handler.
  void wait();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace statefun
