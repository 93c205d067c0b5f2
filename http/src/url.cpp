#include <charconv>
#include <stdexcept>
#include <system_error>

#include <statefun/http/url.hpp>

namespace statefun::http {

namespace {

[[noreturn]] void invalid(std::string_view url, const std::string& why) {
  throw std::invalid_argument("invalid URL '" + std::string(url) + "': " + why);
}

}  // namespace

Url Url::parse(std::string_view url) {
  constexpr std::string_view kScheme = "http://";
  if (url.substr(0, kScheme.size()) != kScheme) {
    invalid(url,
            url.starts_with("https://") ? "https is not supported"
                                        : "expected http://host[:port][/path]");
  }
  std::string_view rest = url.substr(kScheme.size());
  const auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  Url result;
  result.target = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  std::string_view port;
  if (authority.starts_with('[')) {  // [IPv6]:port
    const auto close = authority.find(']');
    if (close == std::string_view::npos) {
      invalid(url, "unterminated IPv6 address");
    }
    result.host = std::string(authority.substr(1, close - 1));
    authority.remove_prefix(close + 1);
    if (!authority.empty() && !authority.starts_with(':')) {
      invalid(url, "junk after the IPv6 address");
    }
    port = authority.empty() ? "" : authority.substr(1);
  } else {
    const auto colon = authority.rfind(':');
    result.host = std::string(authority.substr(0, colon));
    port = colon == std::string_view::npos ? "" : authority.substr(colon + 1);
  }
  if (result.host.empty()) {
    invalid(url, "no host");
  }
  if (!port.empty()) {
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc() || end != port.data() + port.size() || value == 0 || value > 65535) {
      invalid(url, "bad port '" + std::string(port) + "'");
    }
    result.port = static_cast<std::uint16_t>(value);
  }
  return result;
}

namespace {

std::string bracketed(const std::string& host) {
  return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

}  // namespace

std::string Url::authority() const {
  return port == 80 ? bracketed(host) : bracketed(host) + ":" + std::to_string(port);
}

std::string Url::str() const {
  return "http://" + bracketed(host) + ":" + std::to_string(port) + target;
}

}  // namespace statefun::http
