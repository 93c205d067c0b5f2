// Flink's duration syntax: digits, then an optional unit label.
#include "flink_duration.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <system_error>

namespace statefun::runtime::detail {

namespace {

struct Unit {
  std::string_view label;
  std::int64_t nanoseconds;
};

constexpr std::int64_t kMicro = 1'000;
constexpr std::int64_t kMilli = 1'000'000;
constexpr std::int64_t kSecond = 1'000'000'000;

// The labels of Flink's TimeUtils.TimeUnit: singular labels as they are, plural ones with
// and without the trailing 's'.
constexpr std::array kUnits = {
    Unit{"d", 86'400 * kSecond},
    Unit{"day", 86'400 * kSecond},
    Unit{"days", 86'400 * kSecond},
    Unit{"h", 3'600 * kSecond},
    Unit{"hour", 3'600 * kSecond},
    Unit{"hours", 3'600 * kSecond},
    Unit{"min", 60 * kSecond},
    Unit{"m", 60 * kSecond},
    Unit{"minute", 60 * kSecond},
    Unit{"minutes", 60 * kSecond},
    Unit{"s", kSecond},
    Unit{"sec", kSecond},
    Unit{"secs", kSecond},
    Unit{"second", kSecond},
    Unit{"seconds", kSecond},
    Unit{"ms", kMilli},
    Unit{"milli", kMilli},
    Unit{"millis", kMilli},
    Unit{"millisecond", kMilli},
    Unit{"milliseconds", kMilli},
    Unit{"\xC2\xB5s", kMicro},
    Unit{"micro", kMicro},
    Unit{"micros", kMicro},
    Unit{"microsecond", kMicro},
    Unit{"microseconds", kMicro},
    Unit{"ns", 1},
    Unit{"nano", 1},
    Unit{"nanos", 1},
    Unit{"nanosecond", 1},
    Unit{"nanoseconds", 1},
};

bool is_blank(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view text) noexcept {
  while (!text.empty() && is_blank(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && is_blank(text.back())) {
    text.remove_suffix(1);
  }
  return text;
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

}  // namespace

std::chrono::nanoseconds parse_flink_duration(std::string_view text) {
  const std::string_view trimmed = trim(text);
  if (trimmed.empty()) {
    throw std::invalid_argument("a duration cannot be empty");
  }
  std::size_t digits = 0;
  while (digits < trimmed.size() && trimmed[digits] >= '0' && trimmed[digits] <= '9') {
    ++digits;
  }
  if (digits == 0) {
    throw std::invalid_argument("'" + std::string(trimmed) +
                                "' is not a duration: it must start with a whole number "
                                "(e.g. 500ms, 10s, 2min)");
  }
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(trimmed.data(), trimmed.data() + digits, value);
  if (ec != std::errc{} || end != trimmed.data() + digits) {
    throw std::invalid_argument("the duration '" + std::string(trimmed) +
                                "' does not fit in 64 bits");
  }
  const std::string label = lower_ascii(trim(trimmed.substr(digits)));
  std::int64_t unit = kMilli;  // no unit: milliseconds
  if (!label.empty()) {
    unit = 0;
    for (const Unit& known : kUnits) {
      if (known.label == label) {
        unit = known.nanoseconds;
        break;
      }
    }
    if (unit == 0) {
      throw std::invalid_argument("'" + label + "' in '" + std::string(trimmed) +
                                  "' is not a unit of time (ns, \xC2\xB5s, ms, s, min, h, d, or "
                                  "their long forms)");
    }
  }
  if (value > std::numeric_limits<std::int64_t>::max() / unit) {
    throw std::invalid_argument("the duration '" + std::string(trimmed) + "' is too long");
  }
  return std::chrono::nanoseconds(value * unit);
}

}  // namespace statefun::runtime::detail
