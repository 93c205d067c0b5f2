#include <charconv>
#include <stdexcept>
#include <system_error>
#include <utility>

#include <statefun/http/url.hpp>

namespace statefun::http {

namespace {

[[noreturn]] void invalid(std::string_view url, const std::string& why) {
  throw std::invalid_argument("invalid URL '" + std::string(url) + "': " + why);
}

/// Splits "host[:port]" or "[ipv6][:port]" into the host and the port's text ("" for none).
std::pair<std::string, std::string_view> split_authority(std::string_view url,
                                                         std::string_view authority) {
  if (!authority.starts_with('[')) {
    const auto colon = authority.rfind(':');
    return {std::string(authority.substr(0, colon)),
            colon == std::string_view::npos ? "" : authority.substr(colon + 1)};
  }
  const auto close = authority.find(']');
  if (close == std::string_view::npos) {
    invalid(url, "unterminated IPv6 address");
  }
  std::string host(authority.substr(1, close - 1));
  authority.remove_prefix(close + 1);
  if (!authority.empty() && !authority.starts_with(':')) {
    invalid(url, "junk after the IPv6 address");
  }
  return {std::move(host), authority.empty() ? "" : authority.substr(1)};
}

std::uint16_t parse_port(std::string_view url, std::string_view port) {
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (ec != std::errc() || end != port.data() + port.size() || value == 0 || value > 65535) {
    invalid(url, "bad port '" + std::string(port) + "'");
  }
  return static_cast<std::uint16_t>(value);
}

}  // namespace

Url Url::parse(std::string_view url) {
  constexpr std::string_view kScheme = "http://";
  if (url.substr(0, kScheme.size()) != kScheme) {
    invalid(url,
            url.starts_with("https://") ? "https is not supported"
                                        : "expected http://host[:port][/path]");
  }
  const std::string_view rest = url.substr(kScheme.size());
  const auto slash = rest.find('/');
  Url result;
  result.target = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  auto [host, port] = split_authority(url, rest.substr(0, slash));
  if (host.empty()) {
    invalid(url, "no host");
  }
  result.host = std::move(host);
  if (!port.empty()) {
    result.port = parse_port(url, port);
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
