// HTTP/1.1 syntax (RFC 9110/9112): character classes, case-insensitive comparison, optional
// whitespace, comma-separated options, numbers parsed with overflow checks, percent-decoding.
// Part of statefun::http, an internal target: not installed, not an API.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace statefun::http {

/// RFC 9110 tchar: the characters of methods and header names.
constexpr std::array<bool, 256> make_token_table() {
  std::array<bool, 256> table{};
  for (int c = '0'; c <= '9'; ++c) {
    table[c] = true;
  }
  for (int c = 'a'; c <= 'z'; ++c) {
    table[c] = true;
    table[c - 'a' + 'A'] = true;
  }
  for (const char c : std::string_view("!#$%&'*+-.^_`|~")) {
    table[static_cast<unsigned char>(c)] = true;
  }
  return table;
}

inline constexpr std::array<bool, 256> kTokenChars = make_token_table();

/// A non-empty run of tchar.
inline bool is_token(std::string_view s) noexcept {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return kTokenChars[static_cast<unsigned char>(c)];
  });
}

/// ASCII lower case (locale-free).
inline char to_lower(char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

/// ASCII case-insensitive comparison (locale-free).
inline bool iequals(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return to_lower(x) == to_lower(y);
         });
}

/// Optional whitespace (OWS): space or horizontal tab.
inline bool is_space(char c) noexcept {
  return c == ' ' || c == '\t';
}

/// `s` without leading and trailing OWS.
inline std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && is_space(s.front())) {
    s.remove_prefix(1);
  }
  while (!s.empty() && is_space(s.back())) {
    s.remove_suffix(1);
  }
  return s;
}

/// Field values may hold visible characters, spaces, tabs and obs-text; no other controls.
inline bool is_field_value(std::string_view s) noexcept {
  return std::none_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && c != '\t') || u == 0x7f;
  });
}

/// The target may hold any visible ASCII character.
inline bool is_target(std::string_view s) noexcept {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u < 0x7f;
  });
}

/// The value of a hexadecimal digit, or -1.
inline int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  const char l = to_lower(c);
  return (l >= 'a' && l <= 'f') ? l - 'a' + 10 : -1;
}

/// Whether the comma-separated list `value` (a Connection or Transfer-Encoding field) holds
/// `option`, compared case-insensitively.
inline bool has_option(std::string_view value, std::string_view option) noexcept {
  while (!value.empty()) {
    const std::size_t comma = std::min(value.find(','), value.size());
    if (iequals(trim(value.substr(0, comma)), option)) {
      return true;
    }
    value.remove_prefix(std::min(comma + 1, value.size()));
  }
  return false;
}

/// The value of a non-empty run of decimal digits; nullopt for anything else or when it
/// exceeds 2^64 - 1 (as Beast's parse_dec).
inline std::optional<std::uint64_t> parse_decimal(std::string_view digits) noexcept {
  if (digits.empty()) {
    return std::nullopt;
  }
  std::uint64_t value = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (value > (UINT64_MAX - digit) / 10) {
      return std::nullopt;
    }
    value = value * 10 + digit;
  }
  return value;
}

/// The path of a request target: without query or fragment, and without scheme and authority
/// for an absolute-form target ("http://host/p?q" -> "/p").
inline std::string_view target_path(std::string_view target) noexcept {
  if (!target.empty() && target.front() != '/') {
    const std::size_t scheme = target.find("://");
    if (scheme != std::string_view::npos) {
      const std::size_t slash = target.find('/', scheme + 3);
      target = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
    }
  }
  return target.substr(0, target.find_first_of("?#"));
}

/// Whether a Content-Type value names application/octet-stream (case-insensitive; parameters
/// such as "; charset=x" are ignored).
inline bool is_octet_stream(std::string_view content_type) noexcept {
  return iequals(trim(content_type.substr(0, content_type.find(';'))), "application/octet-stream");
}

/// `s` with every %XX replaced by its byte (RFC 3986 2.1); nullopt when a '%' is not followed
/// by two hexadecimal digits. '+' stays '+' (it means a space only in form bodies).
inline std::optional<std::string> percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (s.size() - i < 3) {
      return std::nullopt;
    }
    const int high = hex_value(s[i + 1]);
    const int low = hex_value(s[i + 2]);
    if (high < 0 || low < 0) {
      return std::nullopt;
    }
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

/// Appends `s` to `out` as one path segment (RFC 3986 3.3): every byte but the unreserved
/// ALPHA, DIGIT, '-', '.', '_' and '~' written as %XX, so a '/' in `s` stays inside the segment.
inline void append_percent_encoded(std::string_view s, std::string& out) {
  constexpr std::string_view kHex = "0123456789ABCDEF";
  for (const char c : s) {
    const auto byte = static_cast<unsigned char>(c);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4U];
      out += kHex[byte & 0xFU];
    }
  }
}

}  // namespace statefun::http
