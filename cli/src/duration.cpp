#include "duration.hpp"

#include <charconv>
#include <cstdint>
#include <string>
#include <system_error>

#include "exit_codes.hpp"

namespace statefun::cli {

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
  if (ec != std::errc() || amount < 0 || micros_per_unit == 0) {
    throw UsageError(std::string(flag) + ": '" + std::string(text) +
                     "' is not a duration (examples: 250ms, 10s, 2m)");
  }
  return std::chrono::microseconds(static_cast<std::int64_t>(amount * micros_per_unit));
}

}  // namespace statefun::cli
