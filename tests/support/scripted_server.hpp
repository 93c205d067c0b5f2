// A tiny HTTP server for client tests: on 127.0.0.1, port 0, it answers each request with the
// next canned reply (raw bytes), or never answers when the reply is empty.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio.hpp>

namespace statefun::test {

class ScriptedServer {
 public:
  struct Options {
    bool close_after_each = false;  ///< close the connection after every reply, silently
  };

  explicit ScriptedServer(std::vector<std::string> replies)
      : ScriptedServer(std::move(replies), Options{}) {}

  ScriptedServer(const ScriptedServer&) = delete;
  ScriptedServer& operator=(const ScriptedServer&) = delete;

  ScriptedServer(std::vector<std::string> replies, Options options)
      : replies_(std::move(replies)),
        options_(options),
        acceptor_(ioc_, {boost::asio::ip::make_address("127.0.0.1"), 0}),
        thread_([this] { serve(); }) {}

  ~ScriptedServer() {
    boost::system::error_code ignored;
    stopping_ = true;
    ::shutdown(acceptor_.native_handle(), SHUT_RDWR);  // wakes a blocking accept (close does not)
    acceptor_.close(ignored);
    ::shutdown(current_fd_.load(), SHUT_RDWR);
    thread_.join();
  }

  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }

  int connections() const { return connections_.load(); }

  /// A reply that closes the connection once the request is read, without answering it.
  static constexpr const char* kCloseWithoutAnswer = "<close without answer>";

  /// Waits until the server has closed `n` connections.
  void wait_closed(int n) {
    std::unique_lock lock(mutex_);
    closed_cv_.wait(lock, [&] { return closed_ >= n; });
  }

  static std::string reply(int status,
                           const std::string& content_type,
                           const std::string& body,
                           bool close = false) {
    return "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: " + content_type +
           "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" +
           (close ? "Connection: close\r\n" : "") + "\r\n" + body;
  }

 private:
  void serve() {
    std::size_t next = 0;
    while (!stopping_ && next < replies_.size()) {
      boost::system::error_code ec;
      boost::asio::ip::tcp::socket socket(ioc_);
      acceptor_.accept(socket, ec);
      if (ec) {
        return;
      }
      ++connections_;
      current_fd_ = socket.native_handle();
      std::string buffer;
      while (next < replies_.size() && read_request(socket, buffer)) {
        const std::string& reply = replies_[next++];
        if (reply.empty()) {  // never answer: wait until the client or the test gives up
          char byte = 0;
          socket.read_some(boost::asio::buffer(&byte, 1), ec);
          return;
        }
        if (reply == kCloseWithoutAnswer) {
          break;
        }
        boost::asio::write(socket, boost::asio::buffer(reply), ec);
        if (options_.close_after_each || reply.find("Connection: close") != std::string::npos) {
          break;
        }
      }
      socket.close(ec);
      std::lock_guard lock(mutex_);
      ++closed_;
      closed_cv_.notify_all();
    }
  }

  static bool read_request(boost::asio::ip::tcp::socket& socket, std::string& buffer) {
    boost::system::error_code ec;
    const std::size_t header_end =
        boost::asio::read_until(socket, boost::asio::dynamic_buffer(buffer), "\r\n\r\n", ec);
    if (ec) {
      return false;
    }
    const auto at = buffer.find("Content-Length: ");
    const std::size_t length = at < header_end ? std::stoul(buffer.substr(at + 16)) : 0;
    if (buffer.size() < header_end + length) {
      boost::asio::read(socket,
                        boost::asio::dynamic_buffer(buffer),
                        boost::asio::transfer_exactly(header_end + length - buffer.size()),
                        ec);
      if (ec) {
        return false;
      }
    }
    buffer.erase(0, header_end + length);
    return true;
  }

  std::vector<std::string> replies_;
  Options options_;
  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::atomic<bool> stopping_{false};
  std::atomic<int> connections_{0};
  std::atomic<int> current_fd_{-1};
  std::mutex mutex_;
  std::condition_variable closed_cv_;
  int closed_ = 0;
  std::thread thread_;
};

}  // namespace statefun::test
