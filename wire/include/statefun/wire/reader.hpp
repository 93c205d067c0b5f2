// Reader: protobuf wire-format fields read one by one from a byte range, without copies.
// Part of statefun::wire, an internal target: not installed, not an API.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

namespace statefun::wire {

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

/// Reads protobuf fields one by one from a byte range. Every read checks the bounds and returns
/// nullopt (or false) for malformed bytes; nothing throws.
///
/// Example:
///   Reader reader(bytes);
///   while (!reader.done()) {
///     const std::optional<Tag> tag = reader.tag();
///     if (!tag || !reader.skip(tag->type, tag->field)) return false;
///   }
class Reader {
 public:
  explicit Reader(std::string_view bytes) noexcept : bytes_(bytes) {}

  bool done() const noexcept { return pos_ == bytes_.size(); }

  /// A base-128 varint of at most ten bytes (bits beyond 64 are dropped, as protobuf does).
  std::optional<std::uint64_t> varint() noexcept {
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

  /// A fixed-width little-endian value (fixed32, sfixed64, float, double, ...).
  template <typename T>
  std::optional<T> little_endian() noexcept {
    if (bytes_.size() - pos_ < sizeof(T)) {
      return std::nullopt;
    }
    T value;
    std::memcpy(&value, bytes_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return value;
  }

  /// The next tag; nullopt when it is malformed. As protobuf reads it: a varint of at most five
  /// bytes whose low 32 bits count, with a field number other than 0 and a wire type up to 5.
  std::optional<Tag> tag() noexcept {
    std::uint32_t value = 0;
    for (int shift = 0;; shift += 7) {
      if (shift > 28 || pos_ == bytes_.size()) {
        return std::nullopt;
      }
      const auto byte = static_cast<std::uint8_t>(bytes_[pos_++]);
      value |= static_cast<std::uint32_t>(byte & 0x7FU) << shift;  // bits beyond 32 drop out
      if ((byte & 0x80U) == 0) {
        break;
      }
    }
    if ((value >> 3) == 0 || (value & 7) > 5) {
      return std::nullopt;
    }
    return Tag{value >> 3, static_cast<WireType>(value & 7)};
  }

  /// A length-delimited payload, as a view into the bytes. As protobuf reads its length: a
  /// varint of at most five bytes whose value is under 2^31 (a longer encoding, such as
  /// `80 80 80 80 80 00` for 0, is malformed), and no longer than the bytes that are left.
  std::optional<std::string_view> length_delimited() noexcept {
    std::uint32_t length = 0;
    for (int shift = 0;; shift += 7) {
      if (pos_ == bytes_.size()) {
        return std::nullopt;
      }
      const auto byte = static_cast<std::uint8_t>(bytes_[pos_++]);
      if (shift == 28 && byte >= 8) {  // a fifth byte: continued, or bits 31 and up
        return std::nullopt;
      }
      length |= static_cast<std::uint32_t>(byte & 0x7FU) << shift;
      if ((byte & 0x80U) == 0) {
        break;
      }
    }
    if (length > bytes_.size() - pos_) {
      return std::nullopt;
    }
    const std::string_view view = bytes_.substr(pos_, length);
    pos_ += length;
    return view;
  }

  /// Skips a field's payload (a group up to its end); false when the bytes are malformed.
  bool skip(WireType type, std::uint32_t field, int depth = 0) noexcept {
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
  bool skip_group(std::uint32_t field, int depth) noexcept {
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

}  // namespace statefun::wire
