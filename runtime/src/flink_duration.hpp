// Durations as a Flink configuration writes them (org.apache.flink.util.TimeUtils).
#pragma once

#include <chrono>
#include <string_view>

namespace statefun::runtime::detail {

/// Parses a non-negative whole number with an optional unit, as Flink's
/// TimeUtils.parseDuration does: surrounding blanks ignored, blanks allowed between number and
/// unit, the unit case-insensitive (`ns`, `µs`, `ms`, `s`, `min`/`m`, `h`, `d`, or their long
/// forms, singular or plural: `nanos`, `micro`, `millis`, `sec`, `seconds`, `minute`, `hours`,
/// `days`, ...); no unit means milliseconds. Throws std::invalid_argument with the reason.
///
/// Example:
///   assert(parse_flink_duration("2 min") == std::chrono::minutes(2));
///   assert(parse_flink_duration("1500") == std::chrono::milliseconds(1500));
std::chrono::nanoseconds parse_flink_duration(std::string_view text);

}  // namespace statefun::runtime::detail
