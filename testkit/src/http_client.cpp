// HttpClient over Boost.Beast: one kept-alive connection, every operation bounded in time.
#include <utility>  // Boost 1.74: asio/awaitable.hpp uses std::exchange without <utility>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <statefun/error.hpp>
#include <statefun/testkit/http_client.hpp>

namespace statefun::testkit {

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

constexpr std::size_t kMaxAnswerBytes = 256 * 1024 * 1024;

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string first_line(std::string_view text, std::size_t limit = 200) {
  text = text.substr(0, text.find('\n'));
  return std::string(text.substr(0, limit));
}

}  // namespace

class HttpClient::Impl {
 public:
  Impl(Url url, HttpClientOptions options) : url_(std::move(url)), options_(options) {}

  HttpReply post(std::string_view body) {
    const bool reused = stream_.socket().is_open();
    try {
      return exchange(body);
    } catch (const CallError& e) {
      // A kept-alive connection the server closed meanwhile: try once on a fresh one.
      if (!reused || e.kind() != CallErrorKind::transport) {
        throw;
      }
      return exchange(body);
    }
  }

  const Url& url() const noexcept { return url_; }

 private:
  HttpReply exchange(std::string_view body) {
    if (!stream_.socket().is_open()) {
      connect();
    }
    http::request<http::string_body> request{http::verb::post, url_.target, 11};
    request.set(http::field::host, url_.host + ":" + std::to_string(url_.port));
    request.set(http::field::content_type, "application/octet-stream");
    request.set(http::field::accept, "application/octet-stream");
    request.set(http::field::user_agent, "statefun-testkit");
    request.body() = std::string(body);
    request.prepare_payload();

    http::response_parser<http::string_body> parser;
    parser.body_limit(kMaxAnswerBytes);
    beast::error_code ec;
    stream_.expires_after(options_.request_timeout);
    http::async_write(stream_, request, [&](beast::error_code e, std::size_t) { ec = e; });
    run();
    if (!ec) {
      http::async_read(stream_, buffer_, parser, [&](beast::error_code e, std::size_t) { ec = e; });
      run();
    }
    if (ec) {
      fail(ec, "no answer");
    }
    auto& response = parser.get();
    HttpReply reply{static_cast<int>(response.result_int()),
                    std::string(response[http::field::content_type]),
                    std::move(response.body())};
    if (!response.keep_alive()) {
      close();
    }
    return reply;
  }

  void connect() {
    beast::error_code ec;
    tcp::resolver resolver(ioc_);
    const auto endpoints = resolver.resolve(url_.host, std::to_string(url_.port), ec);
    if (ec) {
      throw CallError(CallErrorKind::connect, "cannot resolve " + url_.host + ": " + ec.message());
    }
    stream_.expires_after(options_.connect_timeout);
    stream_.async_connect(endpoints, [&](beast::error_code e, const tcp::endpoint&) { ec = e; });
    run();
    if (ec) {
      fail(ec, "cannot connect");
    }
    stream_.socket().set_option(tcp::no_delay(true), ec);
    buffer_.clear();
  }

  [[noreturn]] void fail(beast::error_code ec, const std::string& what) {
    close();
    const std::string where = url_.str();
    if (ec == beast::error::timeout) {
      throw CallError(CallErrorKind::timeout, what + " from " + where + ": timed out");
    }
    if (what == "cannot connect") {
      throw CallError(CallErrorKind::connect, "cannot connect to " + where + ": " + ec.message());
    }
    throw CallError(CallErrorKind::transport, what + " from " + where + ": " + ec.message());
  }

  void run() {
    ioc_.restart();
    ioc_.run();
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
    buffer_.clear();
  }

  Url url_;
  HttpClientOptions options_;
  net::io_context ioc_{1};
  beast::tcp_stream stream_{ioc_};
  beast::flat_buffer buffer_;
};

HttpClient::HttpClient(std::string_view url, HttpClientOptions options)
    : impl_(std::make_unique<Impl>(Url::parse(url), options)) {}

HttpClient::~HttpClient() = default;

const Url& HttpClient::url() const noexcept {
  return impl_->url();
}

HttpReply HttpClient::post(std::string_view body) {
  return impl_->post(body);
}

std::string HttpClient::call_bytes(std::string_view request) {
  HttpReply reply = post(request);
  if (reply.status != 200) {
    const std::string detail = reply.body.empty() ? "(empty body)" : first_line(reply.body);
    throw CallError(CallErrorKind::status,
                    "HTTP " + std::to_string(reply.status) + " from " + url().str() + ": " + detail,
                    reply.status,
                    std::move(reply.body));
  }
  if (!iequals(reply.content_type, "application/octet-stream")) {
    throw CallError(CallErrorKind::content_type,
                    "HTTP 200 from " + url().str() + " with Content-Type '" + reply.content_type +
                        "', not application/octet-stream (the runtime rejects it)",
                    reply.status,
                    std::move(reply.body));
  }
  return std::move(reply.body);
}

}  // namespace statefun::testkit
