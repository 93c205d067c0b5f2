#include "duration.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <system_error>

#include "exit_codes.hpp"

namespace statefun::cli {

namespace {

constexpr double kMaxMicros = 1000.0 * 24 * 3600 * 1e6;  // 1000 days

}  // namespace

std::chrono::microseconds parse_duration(std::string_view text, std::string_view flag) {
  double amount = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), amount);
  const std::string_view unit(end, text.data() + text.size() - end);
  double micros_per_unit = 0;
  if (unit == "us") {
    micros_per_unit = 1;
  } else if (unit == "ms") {
    micros_per_unit = 1e3;
  } else if (unit.empty() || unit == "s") {
    micros_per_unit = 1e6;
  } else if (unit == "m" || unit == "min") {
    micros_per_unit = 60e6;
  } else if (unit == "h") {
    micros_per_unit = 3600e6;
  }
  // nan, inf and negative amounts are numbers to from_chars, not durations.
  if (ec != std::errc() || !std::isfinite(amount) || amount < 0 || micros_per_unit == 0) {
    throw UsageError(std::string(flag) + ": '" + std::string(text) +
                     "' is not a duration (examples: 250ms, 10s, 2m)");
  }
  const double micros = amount * micros_per_unit;
  if (micros > kMaxMicros) {
    throw UsageError(std::string(flag) + ": '" + std::string(text) +
                     "' is longer than the longest duration, 1000 days");
  }
  return std::chrono::microseconds(static_cast<std::int64_t>(micros));
}

}  // namespace statefun::cli
