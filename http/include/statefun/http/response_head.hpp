// Response heads, as the server writes them: status lines and headers formatted into a fixed
// buffer, without allocation.
// Part of statefun::http, an internal target: not installed, not an API.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <ctime>
#include <span>
#include <string>
#include <string_view>

namespace statefun::http {

/// The media type of a response body.
enum class BodyType : std::uint8_t {
  octet_stream,  ///< `application/octet-stream`: a FromFunction
  text,          ///< `text/plain; charset=utf-8`: an error reason
  json,          ///< `application/json`: the admin endpoint of `sft run`
  unlabelled,    ///< no Content-Type: raw bytes whose type the peer knows (the playground
                 ///< egress's payloads)
};

/// What the response's Connection header says.
enum class ConnectionHeader : std::uint8_t {
  none,        ///< nothing: the HTTP/1.1 default, keep-alive
  keep_alive,  ///< `Connection: keep-alive`, for an HTTP/1.0 client that asked for it
  close,       ///< `Connection: close`: the server closes after this response
};

/// What a response head says.
struct ResponseHead {
  int status = 200;                                      ///< 200, 400, 404, 405, 413, 415, 500, ...
  BodyType body_type = BodyType::octet_stream;           ///< Content-Type
  std::size_t content_length = 0;                        ///< Content-Length
  ConnectionHeader connection = ConnectionHeader::none;  ///< Connection
};

/// Room for any head that format_head writes.
inline constexpr std::size_t kMaxHeadBytes = 256;

/// The interim response to `Expect: 100-continue`.
inline constexpr std::string_view kContinueResponse = "HTTP/1.1 100 Continue\r\n\r\n";

/// Writes the status line and headers, up to and including the empty line, into `out`, and
/// returns how many bytes it wrote. A 405 gets `Allow: POST`. `date` is an IMF-fixdate.
///
/// Example:
///   std::array<char, kMaxHeadBytes> buf;
///   std::size_t n = format_head({.status = 200, .content_length = 60}, clock.now(), buf);
std::size_t format_head(const ResponseHead& head,
                        std::string_view date,
                        std::span<char, kMaxHeadBytes> out) noexcept;

/// The text/plain body for a request refused after its head: 404 (names `path`), 405 or 415.
std::string reject_reason(int status, std::string_view path);

/// The reason phrase of a status code ("OK", "Not Found"); "Unknown" for others.
std::string_view reason_phrase(int status) noexcept;

/// The Date header's value for the current second, formatted again only when the second changes.
/// Not thread-safe: one per event loop.
class DateClock {
 public:
  /// The current time as an IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
  std::string_view now() noexcept;

 private:
  std::time_t second_ = -1;
  std::array<char, 29> text_{};
};

}  // namespace statefun::http
