// Sizes on the command line: "512", "64KiB", "64MiB", "1GiB" (also KB, MB, GB as powers of 1000).
#pragma once

#include <cstddef>
#include <string_view>

namespace statefun::cli {

/// The largest size a flag takes: 4 GiB.
inline constexpr std::size_t kMaxByteSize = std::size_t{4} << 30;

/// Parses a whole number of bytes with an optional unit; throws UsageError naming `flag` when the
/// text is not a size, is 0, or is over kMaxByteSize.
///
/// Example:
///   parse_byte_size("64MiB", "--max-answer-size") == 64 * 1024 * 1024
std::size_t parse_byte_size(std::string_view text, std::string_view flag);

}  // namespace statefun::cli
