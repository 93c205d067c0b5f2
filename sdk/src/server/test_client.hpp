// Test helpers for the server tests: a blocking raw-bytes HTTP client and a test server.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>

#include <statefun/http/message_parser.hpp>
#include <statefun/server.hpp>

#include <poll.h>

namespace statefun::testing_server {

namespace net = boost::asio;
using tcp = net::ip::tcp;

inline constexpr std::chrono::seconds kBound{
    10};  // generous upper bound for anything the server must do

/// A parsed response.
struct Response {
  int status = 0;
  std::string head;  // status line and headers
  std::string body;

  /// The value of header `name` (exact case as the server writes it), or "" when absent.
  std::string header(const std::string& name) const {
    const std::size_t at = head.find("\r\n" + name + ": ");
    if (at == std::string::npos) {
      return "";
    }
    const std::size_t begin = at + name.size() + 4;
    return head.substr(begin, head.find("\r\n", begin) - begin);
  }
};

/// A blocking HTTP client that writes raw bytes and reads raw responses, with a time bound.
class Client {
 public:
  explicit Client(std::uint16_t port) : socket_(io_) {
    socket_.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  }

  void send(std::string_view bytes) { net::write(socket_, net::buffer(bytes)); }

  /// Reads one response (a 100 Continue too) with the project's parser; throws after kBound
  /// or when the bytes are not a valid response.
  Response read_response() {
    http::MessageParser parser(http::MessageParser::Kind::response, {});
    for (;;) {
      http::MessageParser::State state = parser.parse(buffer_.data(), buffer_.size());
      while (state == http::MessageParser::State::headers_done) {
        state = parser.parse(buffer_.data(), buffer_.size());
      }
      if (state == http::MessageParser::State::error) {
        throw std::runtime_error("not a valid response: " + std::string(parser.error().reason));
      }
      if (state == http::MessageParser::State::done) {
        Response r{parser.status(),
                   buffer_.substr(0, parser.header_bytes() - 2),
                   std::string(parser.body())};
        buffer_.erase(0, parser.consumed());
        return r;
      }
      fill();
    }
  }

  /// True when the server has neither closed the connection nor sent anything: a look, no wait.
  bool open_and_quiet() {
    pollfd fd{socket_.native_handle(), POLLIN, 0};
    return buffer_.empty() && ::poll(&fd, 1, 0) == 0;
  }

  /// Waits up to kBound for the server to close; false when it did not (or sent more bytes).
  bool closed_by_server() {
    try {
      fill();
    } catch (const boost::system::system_error&) {
      return buffer_.empty();  // end of stream or reset
    }
    return false;
  }

 private:
  void fill() {
    pollfd fd{socket_.native_handle(), POLLIN, 0};
    if (::poll(&fd, 1, static_cast<int>(std::chrono::milliseconds(kBound).count())) != 1) {
      throw std::runtime_error("timed out waiting for the server");
    }
    std::array<char, 4096> chunk{};
    const std::size_t n = socket_.read_some(net::buffer(chunk));  // throws on EOF
    buffer_.append(chunk.data(), n);
  }

  net::io_context io_;
  tcp::socket socket_;
  std::string buffer_;
};

/// A POST request to `path` with `body`, plus `headers` (each ending in \r\n).
inline std::string post(std::string_view body,
                        std::string_view headers = "",
                        std::string_view path = "/statefun") {
  return "POST " + std::string(path) +
         " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
         "Content-Length: " +
         std::to_string(body.size()) + "\r\n" + std::string(headers) + "\r\n" + std::string(body);
}

inline std::string echo(std::string_view body) {
  return "echo:" + std::string(body);
}

/// Options for a test server: 127.0.0.1, port 0, one thread, no signals, quiet.
inline ServerOptions local(ServerOptions options = {}) {
  options.address = "127.0.0.1";
  options.port = 0;
  options.threads = options.threads == 0 ? 1 : options.threads;
  options.handle_signals = false;
  if (!options.log) {
    options.log = [](std::string_view) {};
  }
  return options;
}

/// A server serving on background threads; stopped and joined by the destructor.
struct TestServer {
  explicit TestServer(RequestHandler handler, ServerOptions options = {})
      : server(std::move(handler), local(std::move(options))) {
    server.start();
  }

  Client client() const { return Client(server.port()); }

  Response call(const std::string& request) const {
    Client c = client();
    c.send(request);
    return c.read_response();
  }

  Server server;
};

}  // namespace statefun::testing_server
