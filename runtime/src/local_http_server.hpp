// LocalHttpServer: the small HTTP/1.1 server of the local runtime's playground ingress and
// egress, on the runtime's event loop, framing requests with the one HTTP parser.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <statefun/http/response_head.hpp>

namespace statefun::runtime::detail {

/// A request as the handler sees it; its views live until the handler returns.
struct LocalRequest {
  std::string_view method;
  std::string_view target;        ///< as sent, e.g. "/example/person/Bob?x=1"
  std::string_view content_type;  ///< empty when absent
  std::string_view body;
};

/// The answer to a request.
struct LocalResponse {
  int status = 200;
  http::BodyType body_type = http::BodyType::text;
  std::string body;  ///< a reason (text) or a payload
};

/// Serves keep-alive HTTP/1.1 connections on one event loop, one request at a time per
/// connection (pipelined requests wait their turn). A handler may answer at once or later (the
/// ingress answers once the runtime has taken the message, which pushes back on a client that
/// sends faster than the pipeline runs). Malformed requests get the parser's 4xx and the
/// connection is closed; connections over the cap are closed as they are accepted.
///
/// Example:
///   LocalHttpServer server(io, {.port = 0}, [](const LocalRequest& r, auto reply) {
///     reply({.status = 200, .body = std::string(r.target)});
///   });
///   server.port();  // the port it listens on
class LocalHttpServer {
 public:
  /// Answers one request, once; a no-op when its connection has closed meanwhile.
  using Reply = std::function<void(const LocalResponse&)>;
  using Handler = std::function<void(const LocalRequest&, Reply)>;

  struct Options {
    std::string host = "127.0.0.1";
    std::uint16_t port = 0;  ///< 0: any free port
    std::size_t max_connections = 1024;
    std::size_t max_body_bytes = std::size_t{4} << 20;
  };

  /// Listens at once. Throws std::runtime_error "cannot listen on HOST:PORT: reason".
  LocalHttpServer(boost::asio::io_context& io, Options options, Handler handler);
  ~LocalHttpServer();
  LocalHttpServer(const LocalHttpServer&) = delete;
  LocalHttpServer& operator=(const LocalHttpServer&) = delete;

  /// The port it listens on.
  std::uint16_t port() const noexcept { return port_; }

  /// Closes the listener and every connection; replies still owed become no-ops.
  void stop();

 private:
  class Connection;

  void accept();

  Options options_;
  Handler handler_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::uint16_t port_ = 0;
  http::DateClock date_;
  std::unordered_set<std::shared_ptr<Connection>> connections_;
  bool stopped_ = false;
};

}  // namespace statefun::runtime::detail
