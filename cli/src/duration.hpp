// Durations on the command line: "250ms", "10s", "2m", "1h"; a bare number is seconds.
#pragma once

#include <chrono>
#include <string_view>

namespace statefun::cli {

/// Parses a duration; throws UsageError naming `flag` when the text is not one.
std::chrono::microseconds parse_duration(std::string_view text, std::string_view flag);

}  // namespace statefun::cli
