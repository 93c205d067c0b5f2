#include <algorithm>
#include <charconv>
#include <cstring>

#include <statefun/http/response_head.hpp>

namespace statefun::http {
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

char* put_two_digits(char* out, int value) noexcept {
  out[0] = static_cast<char>('0' + value / 10);
  out[1] = static_cast<char>('0' + value % 10);
  return out + 2;
}

char* put(char* out, std::string_view text) noexcept {
  return std::copy(text.begin(), text.end(), out);
}

/// Writes the 29 characters of an IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT".
void format_imf_date(std::time_t time, char* out) noexcept {
  static constexpr std::string_view kDays = "SunMonTueWedThuFriSat";
  static constexpr std::string_view kMonths = "JanFebMarAprMayJunJulAugSepOctNovDec";
  std::tm tm{};
  gmtime_r(&time, &tm);
  const int year = tm.tm_year + 1900;
  out = put(out, kDays.substr(static_cast<std::size_t>(tm.tm_wday) * 3, 3));
  out = put_two_digits(put(out, ", "), tm.tm_mday);
  out = put(put(put(out, " "), kMonths.substr(static_cast<std::size_t>(tm.tm_mon) * 3, 3)), " ");
  out = put_two_digits(put_two_digits(out, year / 100 % 100), year % 100);
  out = put_two_digits(put(out, " "), tm.tm_hour);
  out = put_two_digits(put(out, ":"), tm.tm_min);
  put(put_two_digits(put(out, ":"), tm.tm_sec), " GMT");
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
    a << "HTTP/1.1 " << static_cast<std::size_t>(head.status) << " " << reason_phrase(head.status);
    switch (head.body_type) {
      case BodyType::octet_stream:
        a << "\r\nContent-Type: application/octet-stream";
        break;
      case BodyType::text:
        a << "\r\nContent-Type: text/plain; charset=utf-8";
        break;
      case BodyType::json:
        a << "\r\nContent-Type: application/json";
        break;
      case BodyType::unlabelled:
        break;
    }
    a << "\r\nContent-Length: ";
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
    format_imf_date(second, text_.data());
    second_ = second;
  }
  return {text_.data(), text_.size()};
}

}  // namespace statefun::http
