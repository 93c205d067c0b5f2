// Reading what a user points sft at (a file, or standard input as "-") with a bound: a directory,
// a device such as /dev/zero or a huge file is refused in one line, never read until memory
// runs out.
#pragma once

#include <cstddef>
#include <istream>
#include <string>
#include <string_view>

namespace statefun::cli {

/// The most bytes sft reads from one input (64 MiB): twice a server's default body limit.
inline constexpr std::size_t kMaxInputBytes = std::size_t{64} * 1024 * 1024;

/// The bytes of `path`, or of `standard_input` when `path` is "-". Throws UsageError, starting
/// with `what` (e.g. "--request") unless it is empty, when it is a directory, cannot be read or
/// holds more than `max_bytes`.
///
/// Example:
///   const std::string bytes = read_input("request.bin", std::cin, "--request");
std::string read_input(const std::string& path,
                       std::istream& standard_input,
                       std::string_view what,
                       std::size_t max_bytes = kMaxInputBytes);

}  // namespace statefun::cli
