// Protobuf wire-format primitives, for the small fixed messages the SDK encodes by hand
// (built-in type wrappers). Private to the SDK.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace statefun::detail::wire {

enum class WireType : std::uint8_t {
  varint = 0,
  fixed64 = 1,
  length_delimited = 2,
  start_group = 3,
  end_group = 4,
  fixed32 = 5,
};

/// A field's number and wire type.
struct Tag {
  std::uint32_t field = 0;
  WireType type = WireType::varint;
};

/// The bytes a varint takes.
constexpr std::size_t varint_size(std::uint64_t v) noexcept {
  std::size_t n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}

inline void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

inline void put_tag(std::string& out, std::uint32_t field, WireType type) {
  put_varint(out, (std::uint64_t{field} << 3) | static_cast<std::uint8_t>(type));
}

template <typename T>
void put_little_endian(std::string& out, T value) {
  static_assert(std::endian::native == std::endian::little, "little-endian hosts only");
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out.append(bytes, sizeof(T));
}

/// Reads protobuf fields one by one from a byte range.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}

  bool done() const noexcept { return pos_ == bytes_.size(); }

  std::optional<std::uint64_t> varint() {
    std::uint64_t result = 0;
    for (int shift = 0; shift < 64 && pos_ < bytes_.size(); shift += 7) {
      const auto byte = static_cast<std::uint8_t>(bytes_[pos_++]);
      result |= std::uint64_t{byte & 0x7FU} << shift;
      if ((byte & 0x80U) == 0) {
        return result;
      }
    }
    return std::nullopt;
  }

  template <typename T>
  std::optional<T> little_endian() {
    if (bytes_.size() - pos_ < sizeof(T)) {
      return std::nullopt;
    }
    T value;
    std::memcpy(&value, bytes_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return value;
  }

  /// The next tag; nullopt when it is malformed (field 0, too large, or a reserved wire type).
  std::optional<Tag> tag() {
    const auto value = varint();
    if (!value || (*value >> 3) == 0 || (*value >> 3) > 0x1FFFFFFF || (*value & 7) > 5) {
      return std::nullopt;
    }
    return Tag{static_cast<std::uint32_t>(*value >> 3), static_cast<WireType>(*value & 7)};
  }

  std::optional<std::string_view> length_delimited() {
    const auto length = varint();
    if (!length || *length > bytes_.size() - pos_) {
      return std::nullopt;
    }
    std::string_view view = bytes_.substr(pos_, *length);
    pos_ += *length;
    return view;
  }

  /// Skips a field's payload (a group up to its end); false when the bytes are malformed.
  bool skip(WireType type, std::uint32_t field = 0, int depth = 0) {
    switch (type) {
      case WireType::start_group:
        return skip_group(field, depth);
      case WireType::end_group:
        return false;
      case WireType::varint:
        return varint().has_value();
      case WireType::fixed64:
        return little_endian<std::uint64_t>().has_value();
      case WireType::length_delimited:
        return length_delimited().has_value();
      case WireType::fixed32:
        return little_endian<std::uint32_t>().has_value();
    }
    return false;
  }

 private:
  bool skip_group(std::uint32_t field, int depth) {
    constexpr int kMaxDepth = 100;  // protobuf's default recursion limit
    if (depth >= kMaxDepth) {
      return false;
    }
    while (!done()) {
      const auto t = tag();
      if (!t) {
        return false;
      }
      if (t->type == WireType::end_group) {
        return t->field == field;
      }
      if (!skip(t->type, t->field, depth + 1)) {
        return false;
      }
    }
    return false;
  }

  std::string_view bytes_;
  std::size_t pos_ = 0;
};

}  // namespace statefun::detail::wire
