#include "server/response.hpp"

#include <charconv>
#include <cstring>

namespace statefun::detail::http {
namespace {

/// Appends to a fixed buffer; the caller guarantees the room (kMaxHeadBytes covers every head).
class Appender {
 public:
  explicit Appender(std::span<char, kMaxHeadBytes> out) noexcept : out_(out) {}

  Appender& operator<<(std::string_view s) noexcept {
    std::memcpy(out_.data() + size_, s.data(), s.size());
    size_ += s.size();
    return *this;
  }

  Appender& operator<<(std::size_t n) noexcept {
    size_ = static_cast<std::size_t>(
        std::to_chars(out_.data() + size_, out_.data() + out_.size(), n).ptr - out_.data());
    return *this;
  }

  std::size_t size() const noexcept { return size_; }

 private:
  std::span<char, kMaxHeadBytes> out_;
  std::size_t size_ = 0;
};

void put_two_digits(char* out, int value) noexcept {
  out[0] = static_cast<char>('0' + value / 10);
  out[1] = static_cast<char>('0' + value % 10);
}

}  // namespace

std::string_view reason_phrase(int status) noexcept {
  switch (status) {
    case 100:
      return "Continue";
    case 200:
      return "OK";
    case 400:
      return "Bad Request";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    case 505:
      return "HTTP Version Not Supported";
    default:
      return "Unknown";
  }
}

std::string reject_reason(int status, std::string_view path) {
  switch (status) {
    case 405:
      return "only POST is supported";
    case 404:
      return "not found: functions are served at " + std::string(path);
    default:
      return "Content-Type must be application/octet-stream";
  }
}

std::size_t format_head(const ResponseHead& head,
                        std::string_view date,
                        std::span<char, kMaxHeadBytes> out) noexcept {
  Appender a(out);
  if (head.status == 200 && head.body_type == BodyType::octet_stream) {
    a << "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: ";
  } else {
    a << "HTTP/1.1 " << static_cast<std::size_t>(head.status) << " " << reason_phrase(head.status)
      << (head.body_type == BodyType::text ? "\r\nContent-Type: text/plain; charset=utf-8"
                                           : "\r\nContent-Type: application/octet-stream")
      << "\r\nContent-Length: ";
  }
  a << head.content_length << "\r\nDate: " << date.substr(0, 29) << "\r\n";
  if (head.status == 405) {
    a << "Allow: POST\r\n";
  }
  if (head.connection == ConnectionHeader::close) {
    a << "Connection: close\r\n";
  } else if (head.connection == ConnectionHeader::keep_alive) {
    a << "Connection: keep-alive\r\n";
  }
  a << "\r\n";
  return a.size();
}

std::string_view DateClock::now() noexcept {
  const std::time_t second = std::time(nullptr);
  if (second != second_) {
    static constexpr std::string_view kDays = "SunMonTueWedThuFriSat";
    static constexpr std::string_view kMonths = "JanFebMarAprMayJunJulAugSepOctNovDec";
    std::tm tm{};
    gmtime_r(&second, &tm);
    char* p = text_.data();  // "Sun, 06 Nov 1994 08:49:37 GMT"
    std::memcpy(p, kDays.data() + 3 * tm.tm_wday, 3);
    std::memcpy(p + 3, ", ", 2);
    put_two_digits(p + 5, tm.tm_mday);
    p[7] = ' ';
    std::memcpy(p + 8, kMonths.data() + 3 * tm.tm_mon, 3);
    p[11] = ' ';
    const int year = tm.tm_year + 1900;
    put_two_digits(p + 12, year / 100 % 100);
    put_two_digits(p + 14, year % 100);
    p[16] = ' ';
    put_two_digits(p + 17, tm.tm_hour);
    p[19] = ':';
    put_two_digits(p + 20, tm.tm_min);
    p[22] = ':';
    put_two_digits(p + 23, tm.tm_sec);
    std::memcpy(p + 25, " GMT", 4);
    second_ = second;
  }
  return {text_.data(), text_.size()};
}

}  // namespace statefun::detail::http
