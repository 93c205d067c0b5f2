#include "input_file.hpp"

#include <array>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "exit_codes.hpp"

namespace statefun::cli {

namespace {

/// "what: " before a message, or nothing when `what` is empty.
std::string prefix(std::string_view what) {
  return what.empty() ? std::string() : std::string(what) + ": ";
}

/// Reads `in` to its end, or throws once it gave more than `max_bytes`.
std::string read_bounded(std::istream& in,
                         const std::string& name,
                         std::string_view what,
                         std::size_t max_bytes) {
  std::string bytes;
  std::array<char, std::size_t{64} * 1024> chunk{};
  while (in) {
    in.read(chunk.data(), chunk.size());
    const auto got = static_cast<std::size_t>(in.gcount());
    if (bytes.size() + got > max_bytes) {
      throw UsageError(prefix(what) + name + " holds more than " + std::to_string(max_bytes) +
                       " bytes");
    }
    bytes.append(chunk.data(), got);
  }
  if (in.bad()) {
    throw UsageError(prefix(what) + "cannot read " + name);
  }
  return bytes;
}

}  // namespace

std::string read_input(const std::string& path,
                       std::istream& standard_input,
                       std::string_view what,
                       std::size_t max_bytes) {
  if (path == "-") {
    return read_bounded(standard_input, "standard input", what, max_bytes);
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw UsageError(prefix(what) + "'" + path + "' is a directory, not a file");
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    throw UsageError(prefix(what) + "cannot read '" + path + "'");
  }
  return read_bounded(file, "'" + path + "'", what, max_bytes);
}

}  // namespace statefun::cli
