#include "server/connection.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstring>
#include <exception>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include <statefun/error.hpp>
#include <statefun/http/syntax.hpp>

#include "server/loop.hpp"

namespace statefun::detail::server {

using http::BodyType;
using http::ConnectionHeader;
using http::MessageParser;

namespace {

constexpr std::size_t kInitialBuffer = std::size_t{8} * 1024;  // enough for any usual request
constexpr std::size_t kKeptBuffer = std::size_t{256} * 1024;   // larger buffers are freed when idle
constexpr std::size_t kMinRead = std::size_t{2} * 1024;        // the least room a read gets
constexpr std::size_t kMaxHeaderBytes = std::size_t{64} * 1024;  // request line and headers
constexpr std::chrono::milliseconds kMaxLinger{5000};

}  // namespace

Connection::Connection(Loop& loop, tcp::socket socket)
    : loop_(loop),
      socket_(std::move(socket)),
      parser_(MessageParser::Kind::request,
              {.max_header_bytes = kMaxHeaderBytes,
               .max_body_bytes = loop.config().options.max_body_bytes}),
      buffer_(kInitialBuffer) {}

Connection::~Connection() = default;

void Connection::start() {
  socket_.non_blocking(true);  // write() tries a synchronous write first; it must never wait
  set_deadline(loop_.config().options.idle_timeout);
  read();
}

void Connection::set_deadline(std::chrono::milliseconds timeout) noexcept {
  set_deadline(loop_.clock().now(), timeout);
}

void Connection::set_deadline(Clock::time_point from, std::chrono::milliseconds timeout) noexcept {
  deadline_ = from + timeout;
}

void Connection::expire_if_due(Clock::time_point now) noexcept {
  if (deadline_ <= now) {
    close();
  }
}

void Connection::stop() noexcept {
  if (phase_ == Phase::idle || phase_ == Phase::lingering) {
    close();
  }
}

void Connection::close() noexcept {
  closing_ = true;
  error_code ignored;
  socket_.close(ignored);  // the pending operation completes with operation_aborted
}

void Connection::finish() noexcept {
  close();
  Loop& loop = loop_;
  delete this;  // NOLINT(cppcoreguidelines-owning-memory): the loop's list does not own
  loop.connection_closed();
}

void Connection::read() {
  if (phase_ == Phase::idle) {
    buffer_.clear(kKeptBuffer);  // free the room a large request took
  }
  const std::size_t buffered = buffer_.size();
  const std::size_t expected = phase_ == Phase::reading ? parser_.expected_bytes() : 0;
  const std::span<char> room =
      buffer_.prepare(std::max(kMinRead, expected > buffered ? expected - buffered : 0));
  socket_.async_read_some(net::buffer(room.data(), room.size()),
                          [this](const error_code& ec, std::size_t bytes) { on_read(ec, bytes); });
}

void Connection::on_read(const error_code& ec, std::size_t bytes) {
  if (ec || closing_) {
    return finish();  // end of stream, reset, timeout or stop
  }
  buffer_.commit(bytes);
  if (phase_ == Phase::lingering) {
    buffer_.consume(buffer_.size());  // discard
    return read();
  }
  if (phase_ == Phase::idle) {
    phase_ = Phase::reading;
    set_deadline(loop_.config().options.header_timeout);
  }
  guard([this] { process(); });
}

template <typename Step>
void Connection::guard(Step step) noexcept {
  try {
    step();
  } catch (const std::exception& e) {  // out of memory: no operation was started
    loop_.log_error("connection", e.what());
    finish();
  }
}

void Connection::process() {
  for (;;) {
    switch (parser_.parse(buffer_.data(), buffer_.size())) {
      case MessageParser::State::need_more:
        return read();
      case MessageParser::State::headers_done:
        if (!check_head()) {
          return;
        }
        break;
      case MessageParser::State::done:
        if (!respond()) {
          return;
        }
        break;
      case MessageParser::State::error:
        return fail(parser_.error().status, parser_.error().reason);
    }
  }
}

bool Connection::check_head() {
  const ServerOptions& options = loop_.config().options;
  const std::string_view method = parser_.method();
  const std::string_view content_type = parser_.content_type();
  omit_body_ = method == "HEAD";
  if (method != "POST") {
    reject_status_ = 405;
  } else if (http::target_path(parser_.target()) != options.path) {
    reject_status_ = 404;
  } else if (!content_type.empty() && !http::is_octet_stream(content_type)) {
    reject_status_ = 415;
  }
  if (!parser_.expect_continue() || !parser_.has_body() ||
      buffer_.size() > parser_.header_bytes()) {
    return true;  // no one waits for "100 Continue"
  }
  if (reject_status_ != 0) {  // answer now, without the body, and close
    fail(reject_status_, http::reject_reason(reject_status_, loop_.config().options.path));
  } else {
    write_continue();
  }
  return false;
}

void Connection::write_continue() {
  net::async_write(socket_,
                   net::buffer(http::kContinueResponse.data(), http::kContinueResponse.size()),
                   [this](const error_code& ec, std::size_t /*bytes*/) {
                     if (ec || closing_) {
                       return finish();
                     }
                     guard([this] { process(); });
                   });
}

bool Connection::respond() {
  const std::string_view request_body = parser_.body();
  int status = reject_status_;
  if (status != 0) {
    body_ = http::reject_reason(status, loop_.config().options.path);
  } else if (request_body.empty()) {
    status = 400;
    body_ = "empty request body";
  } else {
    status = call_handler(request_body);
  }
  keep_alive_ = parser_.keep_alive() && !loop_.stopping();
  const bool http10 = parser_.http10();
  buffer_.consume(parser_.consumed());
  parser_.reset();
  reject_status_ = 0;
  const ConnectionHeader connection = !keep_alive_ ? ConnectionHeader::close
                                      : http10     ? ConnectionHeader::keep_alive
                                                   : ConnectionHeader::none;
  return write(status, status == 200 ? BodyType::octet_stream : BodyType::text, connection);
}

int Connection::call_handler(std::string_view body) {
  try {
    body_ = loop_.config().handler(body);
    return 200;
  } catch (const statefun::Error& e) {
    body_ = e.what();
    const int status = http_status(static_cast<errc>(e.code().value()));
    if (status != 500) {
      return status;  // the request's fault: not logged
    }
  } catch (const std::exception& e) {
    body_ = e.what();
  } catch (...) {
    body_ = "unknown error";
  }
  loop_.log_error("handler failed (HTTP 500)", body_);
  return 500;
}

void Connection::fail(int status, std::string_view reason) {
  body_ = reason;
  keep_alive_ = false;
  omit_body_ = false;
  write(status, BodyType::text, ConnectionHeader::close);  // false: it closes after
}

bool Connection::write(int status, BodyType body_type, ConnectionHeader connection) {
  head_size_ = http::format_head({.status = status,
                                  .body_type = body_type,
                                  .content_length = body_.size(),
                                  .connection = connection},
                                 loop_.date(),
                                 std::span<char, http::kMaxHeadBytes>(head_));
  phase_ = Phase::writing;
  std::array<net::const_buffer, 2> buffers{
      net::buffer(head_.data(), head_size_),
      net::buffer(body_.data(), omit_body_ ? 0 : body_.size())};
  // Usually the socket takes it all at once: no operation, no trip through the event loop. The
  // time is read before: once the bytes are out, the client may already act on the answer.
  const Clock::time_point written_at = loop_.clock().now();
  error_code ec;
  std::size_t written = socket_.write_some(buffers, ec);
  if (!ec && written == head_size_ + buffers[1].size()) {
    return after_write(written_at);
  }
  written = ec ? 0 : written;  // would block; another error recurs in async_write
  const std::size_t from_head = std::min(written, buffers[0].size());
  buffers[0] += from_head;
  buffers[1] += written - from_head;
  set_deadline(written_at, loop_.config().options.idle_timeout);
  net::async_write(
      socket_, buffers, [this](const error_code& e, std::size_t /*bytes*/) { on_write(e); });
  return false;
}

bool Connection::after_write(Clock::time_point written_at) {
  if (body_.capacity() > kKeptBuffer) {
    std::string().swap(body_);
  }
  if (!keep_alive_ || loop_.stopping()) {
    linger();
    return false;
  }
  if (buffer_.size() > 0) {  // a pipelined request is buffered already
    phase_ = Phase::reading;
    set_deadline(written_at, loop_.config().options.header_timeout);
    return true;
  }
  phase_ = Phase::idle;
  set_deadline(written_at, loop_.config().options.idle_timeout);
  read();
  return false;
}

void Connection::on_write(const error_code& ec) {
  if (ec || closing_) {
    return finish();
  }
  guard([this] {
    if (after_write(loop_.clock().now())) {
      process();
    }
  });
}

void Connection::linger() {
  if (loop_.stopping()) {
    return finish();
  }
  phase_ = Phase::lingering;
  error_code ignored;
  socket_.shutdown(tcp::socket::shutdown_send, ignored);
  set_deadline(std::min(kMaxLinger, loop_.config().options.header_timeout));
  buffer_.consume(buffer_.size());
  read();
}

}  // namespace statefun::detail::server
