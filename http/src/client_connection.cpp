#include <algorithm>
#include <array>
#include <span>
#include <string>
#include <utility>

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/write.hpp>

#include <statefun/http/client_connection.hpp>

#include <poll.h>

namespace statefun::http {

namespace net = boost::asio;
using boost::system::error_code;

namespace {

constexpr std::size_t kMinRead = 1024;  // the least room a read gets

bool would_block(const error_code& ec) {
  return ec == net::error::would_block || ec == net::error::try_again;
}

}  // namespace

ClientConnection::ClientConnection(net::io_context& io,
                                   net::ip::tcp::endpoint endpoint,
                                   Listener& listener,
                                   Options options)
    : socket_(io),
      endpoint_(std::move(endpoint)),
      listener_(listener),
      options_(options),
      parser_(MessageParser::Kind::response, options.limits),
      buffer_(options.initial_buffer) {}

ClientConnection::~ClientConnection() = default;

void ClientConnection::exchange(std::string_view request) {
  request_ = request;
  written_ = 0;
  parser_.reset();
  reused_ = socket_.is_open();
  if (reused_ && options_.check_before_reuse &&
      (options_.check_after_idle.count() == 0 ||
       std::chrono::steady_clock::now() - idle_since_ >= options_.check_after_idle) &&
      closed_by_peer()) {
    close();
    reused_ = false;
  }
  if (!socket_.is_open()) {
    connect();
    return;
  }
  write();
}

void ClientConnection::close() noexcept {
  error_code ignored;
  socket_.close(ignored);  // a pending operation completes with operation_aborted
}

bool ClientConnection::closed_by_peer() noexcept {
  pollfd fd{socket_.native_handle(), POLLIN, 0};
  return ::poll(&fd, 1, 0) != 0;  // readable (end of stream or unsolicited bytes), or an error
}

void ClientConnection::connect() {
  phase_ = Phase::connecting;
  buffer_.clear(options_.initial_buffer);
  socket_.async_connect(endpoint_, [this](const error_code& ec) { on_connect(ec); });
}

void ClientConnection::on_connect(const error_code& ec) {
  if (ec) {
    fail(ec == net::error::operation_aborted ? Failure::aborted : Failure::connect,
         "cannot connect: " + ec.message());
    return;
  }
  error_code ignored;
  socket_.set_option(net::ip::tcp::no_delay(true), ignored);
  socket_.non_blocking(true, ignored);  // write() and reads try synchronously first
  phase_ = Phase::writing;
  listener_.on_connected();
  write();
}

void ClientConnection::write() {
  phase_ = Phase::writing;
  error_code ec;
  // Usually the socket takes it all at once: no operation, no trip through the event loop.
  written_ += socket_.write_some(net::buffer(request_.substr(written_)), ec);
  if (!ec && written_ == request_.size()) {
    wait_readable();
    return;
  }
  if (ec && !would_block(ec)) {
    fail(ec == net::error::operation_aborted ? Failure::aborted : Failure::transport,
         "cannot send: " + ec.message());
    return;
  }
  net::async_write(
      socket_, net::buffer(request_.substr(written_)), [this](const error_code& e, std::size_t n) {
        written_ += n;
        if (e) {
          fail(e == net::error::operation_aborted ? Failure::aborted : Failure::transport,
               "cannot send: " + e.message());
          return;
        }
        wait_readable();
      });
}

void ClientConnection::wait_readable() {
  phase_ = Phase::reading;
  const std::size_t expected = parser_.expected_bytes();
  const std::size_t buffered = buffer_.size();
  const std::span<char> room =
      buffer_.prepare(std::max(kMinRead, expected > buffered ? expected - buffered : 0));
  // A read operation, not a readiness wait: Asio's reactor re-arms the descriptor with an
  // epoll_ctl system call for every wait, where a read costs at most one read that finds
  // nothing, and is done by the reactor as soon as epoll reports the socket readable.
  socket_.async_read_some(net::buffer(room.data(), room.size()),
                          [this](const error_code& ec, std::size_t n) { on_read(ec, n); });
}

void ClientConnection::on_read(const error_code& ec, std::size_t n) {
  if (ec) {
    on_end_of_stream(ec);
    return;
  }
  buffer_.commit(n);
  if (!parse_buffered()) {
    wait_readable();
  }
}

bool ClientConnection::parse_buffered() {
  for (;;) {
    switch (parser_.parse(buffer_.data(), buffer_.size())) {
      case MessageParser::State::need_more:
        return false;
      case MessageParser::State::headers_done:
        break;
      case MessageParser::State::done:
        if (parser_.status() < 200 && parser_.status() != 101) {  // 100 Continue and the like
          buffer_.consume(parser_.consumed());
          parser_.reset();
          break;
        }
        deliver();
        return true;
      case MessageParser::State::error:
        fail(Failure::malformed,
             "the answer is not a valid HTTP/1.1 response: " + std::string(parser_.error().reason));
        return true;
    }
  }
}

void ClientConnection::on_end_of_stream(const error_code& ec) {
  if (ec == net::error::operation_aborted) {
    fail(Failure::aborted, "cannot read: " + ec.message());
    return;
  }
  const bool nothing = buffer_.size() == 0;
  if (parser_.finish(buffer_.data(), buffer_.size()) == MessageParser::State::done) {
    deliver();  // a body that ran until the close
    return;
  }
  fail(Failure::transport,
       nothing ? "the connection closed before an answer: " + ec.message()
               : "the connection closed in the middle of an answer: " + ec.message());
}

void ClientConnection::deliver() {
  phase_ = Phase::idle;
  if (options_.check_after_idle.count() > 0) {
    idle_since_ = std::chrono::steady_clock::now();
  }
  const std::size_t consumed = parser_.consumed();
  if (!parser_.keep_alive()) {
    close();  // the body stays valid in the buffer; the next exchange reconnects
  }
  buffer_.consume(consumed);  // moves no byte: the body stays valid until the next exchange
  listener_.on_response(parser_);
}

void ClientConnection::fail(Failure failure, std::string_view message) {
  phase_ = Phase::idle;
  close();
  listener_.on_failure(failure, message);
}

}  // namespace statefun::http
