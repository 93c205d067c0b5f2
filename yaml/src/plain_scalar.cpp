// YAML 1.2 core schema resolution of plain scalars, by hand instead of std::regex: std::regex
// recurses once per character and a 100,000-digit scalar overflowed the stack.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <system_error>

#include <statefun/yaml/plain_scalar.hpp>

namespace statefun::yaml {

namespace {

using nlohmann::json;

bool is_digit(char c) noexcept {
  return c >= '0' && c <= '9';
}

bool is_hex_digit(char c) noexcept {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool is_octal_digit(char c) noexcept {
  return c >= '0' && c <= '7';
}

std::string_view without_sign(std::string_view text) noexcept {
  return !text.empty() && (text[0] == '-' || text[0] == '+') ? text.substr(1) : text;
}

template <class Predicate>
bool all_of(std::string_view text, Predicate p) noexcept {
  return !text.empty() && std::all_of(text.begin(), text.end(), p);
}

/// The number of digits at the start of `text`.
std::size_t digits_at(std::string_view text) noexcept {
  std::size_t n = 0;
  while (n < text.size() && is_digit(text[n])) {
    ++n;
  }
  return n;
}

/// [-+]? ( \.[0-9]+ | [0-9]+ (\.[0-9]*)? ) ([eE][-+]?[0-9]+)?
bool is_float(std::string_view text) noexcept {
  std::string_view rest = without_sign(text);
  const std::size_t whole = digits_at(rest);
  rest.remove_prefix(whole);
  std::size_t fraction = 0;
  if (!rest.empty() && rest[0] == '.') {
    rest.remove_prefix(1);
    fraction = digits_at(rest);
    rest.remove_prefix(fraction);
  }
  if (whole == 0 && fraction == 0) {
    return false;
  }
  if (!rest.empty() && (rest[0] == 'e' || rest[0] == 'E')) {
    rest = without_sign(rest.substr(1));
    const std::size_t exponent = digits_at(rest);
    if (exponent == 0) {
      return false;
    }
    rest.remove_prefix(exponent);
  }
  return rest.empty();
}

std::string shown(std::string_view text) {
  constexpr std::size_t kShown = 24;
  return text.size() <= kShown ? std::string(text)
                               : std::string(text.substr(0, kShown)) + "... (" +
                                     std::to_string(text.size()) + " characters)";
}

[[noreturn]] void out_of_range(std::string_view text, std::string_view why) {
  throw NumberOutOfRange("the number " + shown(text) + " is out of range: " + std::string(why));
}

/// The decimal order of magnitude of a number that is_float accepted (1e3 and 1000 give 3,
/// 0.01 gives -2), saturated far beyond what a double holds; 0 for a zero mantissa.
std::int64_t magnitude(std::string_view text) noexcept {
  constexpr std::int64_t kFar = 100'000;
  std::string_view rest = without_sign(text);
  const std::size_t whole = digits_at(rest);
  std::string_view whole_digits = rest.substr(0, whole);
  rest.remove_prefix(whole);
  const std::size_t leading = std::min(whole_digits.find_first_not_of('0'), whole_digits.size());
  std::int64_t order = 0;
  bool nonzero = leading < whole;
  if (nonzero) {
    order = static_cast<std::int64_t>(std::min<std::size_t>(whole - leading, kFar)) - 1;
  }
  if (!rest.empty() && rest[0] == '.') {
    rest.remove_prefix(1);
    const std::size_t fraction = digits_at(rest);
    if (!nonzero) {
      const std::size_t zeros = std::min(rest.substr(0, fraction).find_first_not_of('0'), fraction);
      nonzero = zeros < fraction;
      order = -static_cast<std::int64_t>(std::min<std::size_t>(zeros, kFar)) - 1;
    }
    rest.remove_prefix(fraction);
  }
  if (!nonzero) {
    return 0;
  }
  if (!rest.empty()) {  // the exponent
    rest.remove_prefix(1);
    const bool negative = rest[0] == '-';
    std::int64_t exponent = 0;
    for (const char c : without_sign(rest)) {
      exponent = std::min<std::int64_t>(exponent * 10 + (c - '0'), kFar);
    }
    order += negative ? -exponent : exponent;
  }
  return order;
}

json read_double(std::string_view text) {
  const std::string_view unsigned_part = text[0] == '+' ? text.substr(1) : text;
  double value = 0;
  const auto [end, ec] =
      std::from_chars(unsigned_part.data(), unsigned_part.data() + unsigned_part.size(), value);
  if (ec == std::errc::result_out_of_range) {
    if (magnitude(text) > 0) {
      out_of_range(text, "the largest double is about 1.8e308");
    }
    return text[0] == '-' ? -0.0 : 0.0;  // below the smallest subnormal: zero, as strtod
  }
  if (ec != std::errc{} || end != unsigned_part.data() + unsigned_part.size()) {
    return std::string(text);  // not reached for what is_float accepts
  }
  return value;
}

template <class Integer>
bool read_integer(std::string_view digits, int base, Integer& value) noexcept {
  return std::from_chars(digits.data(), digits.data() + digits.size(), value, base).ec ==
         std::errc{};
}

json read_prefixed(std::string_view text, int base) {
  std::uint64_t value = 0;
  if (!read_integer(text.substr(2), base, value)) {
    out_of_range(text, "it does not fit in 64 bits");
  }
  if (value <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    return static_cast<std::int64_t>(value);
  }
  return value;
}

json read_decimal(std::string_view text) {
  const std::string_view digits = text[0] == '+' ? text.substr(1) : text;
  if (std::int64_t value = 0; read_integer(digits, 10, value)) {
    return value;
  }
  if (std::uint64_t value = 0; digits[0] != '-' && read_integer(digits, 10, value)) {
    return value;
  }
  return read_double(text);  // too large for 64 bits: a double, as JSON parsers do
}

}  // namespace

json resolve_plain(std::string_view text) {
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
    return nullptr;
  }
  if (text == "true" || text == "True" || text == "TRUE") {
    return true;
  }
  if (text == "false" || text == "False" || text == "FALSE") {
    return false;
  }
  if (all_of(without_sign(text), is_digit)) {
    return read_decimal(text);
  }
  if (text.starts_with("0x") && all_of(text.substr(2), is_hex_digit)) {
    return read_prefixed(text, 16);
  }
  if (text.starts_with("0o") && all_of(text.substr(2), is_octal_digit)) {
    return read_prefixed(text, 8);
  }
  if (is_float(text)) {
    return read_double(text);
  }
  const std::string_view unsigned_part = without_sign(text);
  if (unsigned_part == ".inf" || unsigned_part == ".Inf" || unsigned_part == ".INF") {
    return text[0] == '-' ? -HUGE_VAL : HUGE_VAL;
  }
  if (text == ".nan" || text == ".NaN" || text == ".NAN") {
    return std::numeric_limits<double>::quiet_NaN();
  }
  return std::string(text);
}

}  // namespace statefun::yaml
