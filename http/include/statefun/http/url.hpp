// Url: the parts of an http:// URL a client needs.
// Part of statefun::http, an internal target: not installed, not an API.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace statefun::http {

/// The parts of an http:// URL.
///
/// Example:
///   const Url url = Url::parse("http://127.0.0.1:8000/statefun");
///   assert(url.host == "127.0.0.1" && url.port == 8000 && url.target == "/statefun");
struct Url {
  std::string host;
  std::uint16_t port = 80;
  std::string target = "/";  ///< path and query

  /// Parses "http://host[:port][/path]"; IPv6 hosts in brackets. Throws std::invalid_argument
  /// with the reason for anything else (https is not supported yet).
  static Url parse(std::string_view url);

  /// The Host header's value: "host" for port 80, else "host:port" (IPv6 in brackets).
  std::string authority() const;

  /// "http://host:port/target".
  std::string str() const;
};

}  // namespace statefun::http
