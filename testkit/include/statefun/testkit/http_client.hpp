// HttpClient: calls a function service over HTTP/1.1 with keep-alive.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <statefun/testkit/client.hpp>

namespace statefun::testkit {

/// The parts of an http:// URL.
struct Url {
  std::string host;
  std::uint16_t port = 80;
  std::string target = "/";  ///< path and query

  /// Parses "http://host[:port][/path]"; IPv6 hosts in brackets. Throws
  /// statefun::Error(errc::invalid_argument) for anything else (https is not supported).
  static Url parse(std::string_view url);

  std::string str() const;
};

struct HttpClientOptions {
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(5)};
  std::chrono::milliseconds request_timeout{std::chrono::seconds(30)};  ///< write + read answer
};

/// The raw outcome of one POST.
struct HttpReply {
  int status = 0;
  std::string content_type;
  std::string body;
};

/// Posts ToFunction bytes to a URL, as the runtime does (Content-Type and Accept
/// application/octet-stream), over one kept-alive connection that it reopens when needed.
/// Not thread-safe: use one client per thread.
///
/// Example:
///   HttpClient client("http://127.0.0.1:8000/statefun");
///   Response r = client.call(request);
class HttpClient : public Client {
 public:
  explicit HttpClient(std::string_view url, HttpClientOptions options = {});
  ~HttpClient() override;
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  /// Posts and insists on 200 with application/octet-stream. Throws CallError.
  std::string call_bytes(std::string_view request) override;

  /// Posts and returns whatever came back. Throws CallError only for connect, timeout and
  /// transport failures.
  HttpReply post(std::string_view body);

  const Url& url() const noexcept;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace statefun::testkit
