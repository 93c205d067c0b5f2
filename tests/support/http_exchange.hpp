// One HTTP exchange from a test, blocking: a raw request to 127.0.0.1:PORT, the response read
// until the server closes the connection (send `Connection: close`).
#pragma once

#include <cstdint>
#include <string>

#include <boost/asio.hpp>

namespace statefun::test {

/// What came back: the status code (0 when none could be read), the raw head and the body.
struct HttpAnswer {
  int status = 0;
  std::string head;
  std::string body;
};

/// Sends `request` (raw bytes) and reads everything until the close.
inline HttpAnswer http_exchange(std::uint16_t port, const std::string& request) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket(io);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), port});
  boost::asio::write(socket, boost::asio::buffer(request));
  std::string raw;
  boost::system::error_code ec;
  boost::asio::read(socket, boost::asio::dynamic_buffer(raw), ec);  // until EOF
  HttpAnswer answer;
  const std::size_t end = raw.find("\r\n\r\n");
  if (raw.starts_with("HTTP/1.") && raw.size() >= 12 && end != std::string::npos) {
    answer.status = std::stoi(raw.substr(9, 3));
    answer.head = raw.substr(0, end + 4);
    answer.body = raw.substr(end + 4);
  }
  return answer;
}

/// A request with `Connection: close` and, when `content_type` is not empty, that header.
inline std::string http_request(const std::string& method,
                                const std::string& target,
                                const std::string& content_type = "",
                                const std::string& body = "") {
  return method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" +
         (content_type.empty() ? "" : "Content-Type: " + content_type + "\r\n") +
         "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

}  // namespace statefun::test
