#include "byte_size.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <string>
#include <system_error>
#include <utility>

#include "exit_codes.hpp"

namespace statefun::cli {

std::size_t parse_byte_size(std::string_view text, std::string_view flag) {
  std::uint64_t amount = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), amount);
  const std::string_view unit(end, text.data() + text.size() - end);
  static constexpr std::array<std::pair<std::string_view, std::uint64_t>, 7> kUnits{{
      {"", 1},
      {"KiB", std::uint64_t{1} << 10},
      {"MiB", std::uint64_t{1} << 20},
      {"GiB", std::uint64_t{1} << 30},
      {"KB", 1000},
      {"MB", 1000 * 1000},
      {"GB", 1000 * 1000 * 1000},
  }};
  std::uint64_t bytes_per_unit = 0;
  for (const auto& [name, bytes] : kUnits) {
    if (unit == name) {
      bytes_per_unit = bytes;
    }
  }
  if (ec != std::errc() || end == text.data() || bytes_per_unit == 0 || amount == 0) {
    throw UsageError(std::string(flag) + ": '" + std::string(text) +
                     "' is not a size (examples: 65536, 64KiB, 64MiB, 1GiB)");
  }
  if (amount > kMaxByteSize / bytes_per_unit) {
    throw UsageError(std::string(flag) + ": '" + std::string(text) +
                     "' is larger than the largest size, 4GiB");
  }
  return static_cast<std::size_t>(amount * bytes_per_unit);
}

}  // namespace statefun::cli
