#include <algorithm>
#include <array>
#include <cstdint>

#include <statefun/text/base64.hpp>

namespace statefun::text {

namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int decode_char(char c) {
  const auto pos = kAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    std::uint32_t chunk = static_cast<std::uint8_t>(bytes[i]) << 16;
    const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    if (n > 1) {
      chunk |= static_cast<std::uint8_t>(bytes[i + 1]) << 8;
    }
    if (n > 2) {
      chunk |= static_cast<std::uint8_t>(bytes[i + 2]);
    }
    for (std::size_t k = 0; k < 4; ++k) {
      out.push_back(k <= n ? kAlphabet[(chunk >> (18 - 6 * k)) & 0x3F] : '=');
    }
  }
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) {
    return std::nullopt;
  }
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    std::uint32_t chunk = 0;
    int padding = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const char c = text[i + k];
      const bool last_group = i + 4 == text.size();
      if (c == '=' && last_group && k >= 2 && (k == 3 || text[i + 3] == '=')) {
        ++padding;
        chunk <<= 6;
        continue;
      }
      const int value = decode_char(c);
      if (value < 0 || padding > 0) {
        return std::nullopt;
      }
      chunk = (chunk << 6) | static_cast<std::uint32_t>(value);
    }
    const std::array<char, 3> group{
        static_cast<char>(chunk >> 16), static_cast<char>(chunk >> 8), static_cast<char>(chunk)};
    out.append(group.data(), 3 - padding);
  }
  return out;
}

}  // namespace statefun::text
