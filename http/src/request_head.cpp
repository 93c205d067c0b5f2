#include <charconv>

#include <statefun/http/request_head.hpp>

namespace statefun::http {

RequestHead::RequestHead(std::string_view host,
                         std::string_view target,
                         std::string_view user_agent) {
  prefix_.append("POST ").append(target).append(" HTTP/1.1\r\nHost: ").append(host);
  prefix_.append(
      "\r\nContent-Type: application/octet-stream\r\nAccept: application/octet-stream\r\n"
      "User-Agent: ");
  prefix_.append(user_agent).append("\r\nContent-Length: ");
}

void RequestHead::write(std::string_view body, std::string& out) const {
  char digits[24];  // NOLINT(*-avoid-c-arrays): a number's text
  const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, body.size());
  out.assign(prefix_).append(digits, end).append("\r\n\r\n").append(body);
}

}  // namespace statefun::http
