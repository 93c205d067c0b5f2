// HttpClient: calls a function service over HTTP/1.1 with keep-alive.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include <statefun/testkit/client.hpp>

namespace statefun::testkit {

struct HttpClientOptions {
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(5)};
  std::chrono::milliseconds request_timeout{std::chrono::seconds(30)};  ///< write + read answer
  std::size_t max_answer_bytes = std::size_t{64} << 20;  ///< larger answers fail (transport)
};

/// The raw outcome of one POST.
struct HttpReply {
  int status = 0;
  std::string content_type;
  std::string body;
};

/// Posts ToFunction bytes (or GETs) to an http:// URL as the runtime does (Content-Type and Accept
/// application/octet-stream), over one kept-alive connection that it reopens when needed. A
/// kept-alive connection is checked before it is reused; a request is sent again only when it
/// was not written completely (then no server can have handled it). Not thread-safe: use one
/// client per thread.
///
/// Example:
///   HttpClient client("http://127.0.0.1:8000/statefun");
///   protocol::Response r = client.call(request);
class HttpClient : public Client {
 public:
  /// Throws statefun::Error(errc::invalid_argument) for a URL that is not http://host[:port]/...
  explicit HttpClient(std::string_view url, HttpClientOptions options = {});
  ~HttpClient() override;
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  /// Posts and insists on 200 with application/octet-stream. Throws CallError.
  std::string call_bytes(std::string_view request) override;

  /// Posts and returns whatever came back. Throws CallError only for connect, timeout and
  /// transport failures.
  HttpReply post(std::string_view body);

  /// GETs the URL and returns whatever came back (e.g. sft run's admin endpoint). Throws
  /// CallError only for connect, timeout and transport failures.
  HttpReply get();

  /// The URL, normalized: "http://host:port/target".
  const std::string& url() const noexcept;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace statefun::testkit
