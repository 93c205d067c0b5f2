// HttpClient: the project's client connection (statefun::http) driven to completion for each
// call, every step bounded in time.
#include <optional>
#include <stdexcept>
#include <utility>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include <statefun/error.hpp>
#include <statefun/http/client_connection.hpp>
#include <statefun/http/request_head.hpp>
#include <statefun/http/syntax.hpp>
#include <statefun/http/url.hpp>
#include <statefun/testkit/http_client.hpp>

namespace statefun::testkit {

namespace {

namespace net = boost::asio;
using Failure = http::ClientConnection::Failure;

std::string first_line(std::string_view text, std::size_t limit = 200) {
  text = text.substr(0, text.find('\n'));
  return std::string(text.substr(0, limit));
}

http::Url parse_url(std::string_view url) {
  try {
    return http::Url::parse(url);
  } catch (const std::invalid_argument& e) {
    throw Error(errc::invalid_argument, e.what());
  }
}

}  // namespace

class HttpClient::Impl : public http::ClientConnection::Listener {
 public:
  Impl(http::Url url, HttpClientOptions options)
      : url_(std::move(url)),
        where_(url_.str()),
        options_(options),
        head_(url_.authority(), url_.target, "statefun-testkit") {}

  HttpReply post(std::string_view body) {
    head_.write(body, request_);
    return send();
  }

  HttpReply get() {
    request_ = "GET " + url_.target + " HTTP/1.1\r\nHost: " + url_.authority() +
               "\r\nUser-Agent: statefun-testkit\r\n\r\n";
    return send();
  }

  const std::string& url() const noexcept { return where_; }

  void on_response(const http::MessageParser& response) override {
    timer_.cancel();
    reply_ = {
        response.status(), std::string(response.content_type()), std::string(response.body())};
  }

  void on_failure(Failure failure, std::string_view message) override {
    timer_.cancel();
    if (timed_out_) {
      failure_.emplace(CallErrorKind::timeout,
                       connecting_ ? "cannot connect to " + where_ + ": timed out after " +
                                         std::to_string(options_.connect_timeout.count()) + " ms"
                                   : "no answer from " + where_ + " within " +
                                         std::to_string(options_.request_timeout.count()) + " ms");
    } else if (failure == Failure::connect) {
      failure_.emplace(CallErrorKind::connect,
                       "cannot connect to " + where_ + ": " +
                           std::string(message.substr(message.find(": ") + 2)));
    } else {
      failure_.emplace(CallErrorKind::transport,
                       "no valid answer from " + where_ + ": " + std::string(message));
    }
  }

  void on_connected() override {
    connecting_ = false;
    arm(options_.request_timeout);
  }

 private:
  /// Sends request_ (again once when a kept-alive connection had died before it was written).
  HttpReply send() {
    if (!connection_) {
      connection_.emplace(io_, resolve(), *this, connection_options());
    }
    exchange();
    if (failure_ && connection_->reused() && !connection_->request_written()) {
      exchange();  // the request did not get out: no server saw it, so it is safe to resend
    }
    if (failure_) {
      throw CallError(*failure_);
    }
    return std::move(reply_);
  }

  http::ClientConnection::Options connection_options() const {
    http::ClientConnection::Options o;
    o.limits.max_body_bytes = options_.max_answer_bytes;
    o.check_before_reuse = true;
    return o;
  }

  net::ip::tcp::endpoint resolve() {
    boost::system::error_code ec;
    net::ip::tcp::resolver resolver(io_);
    const auto endpoints = resolver.resolve(url_.host, std::to_string(url_.port), ec);
    if (ec || endpoints.empty()) {
      throw CallError(CallErrorKind::connect, "cannot resolve " + url_.host + ": " + ec.message());
    }
    return endpoints.begin()->endpoint();
  }

  /// One exchange, run to its end on the io_context.
  void exchange() {
    failure_.reset();
    timed_out_ = false;
    connecting_ = !connection_->is_open();
    arm(connecting_ ? options_.connect_timeout : options_.request_timeout);
    connection_->exchange(request_);
    io_.restart();
    io_.run();
  }

  void arm(std::chrono::milliseconds timeout) {
    timer_.expires_after(timeout);
    timer_.async_wait([this](const boost::system::error_code& ec) {
      if (!ec) {
        timed_out_ = true;
        connection_->close();  // the exchange ends with Failure::aborted
      }
    });
  }

  http::Url url_;
  std::string where_;
  HttpClientOptions options_;
  http::RequestHead head_;
  net::io_context io_{1};
  net::steady_timer timer_{io_};
  std::optional<http::ClientConnection> connection_;
  std::string request_;
  HttpReply reply_;
  std::optional<CallError> failure_;
  bool timed_out_ = false;
  bool connecting_ = false;
};

HttpClient::HttpClient(std::string_view url, HttpClientOptions options)
    : impl_(std::make_unique<Impl>(parse_url(url), options)) {}

HttpClient::~HttpClient() = default;

const std::string& HttpClient::url() const noexcept {
  return impl_->url();
}

HttpReply HttpClient::post(std::string_view body) {
  return impl_->post(body);
}

HttpReply HttpClient::get() {
  return impl_->get();
}

std::string HttpClient::call_bytes(std::string_view request) {
  HttpReply reply = post(request);
  if (reply.status != 200) {
    const std::string detail = reply.body.empty() ? "(empty body)" : first_line(reply.body);
    throw CallError(CallErrorKind::status,
                    "HTTP " + std::to_string(reply.status) + " from " + url() + ": " + detail,
                    reply.status,
                    std::move(reply.body));
  }
  if (!http::iequals(reply.content_type, "application/octet-stream")) {
    throw CallError(CallErrorKind::content_type,
                    "HTTP 200 from " + url() + " with Content-Type '" + reply.content_type +
                        "', not application/octet-stream (the runtime rejects it)",
                    reply.status,
                    std::move(reply.body));
  }
  return std::move(reply.body);
}

}  // namespace statefun::testkit
