// Writing protobuf messages by hand, exactly as protobuf's own serializer lays them out: fields
// in number order, proto3 defaults left out, set sub-messages written even when empty.
// Part of statefun::wire, an internal target: not installed, not an API.
//
// One encoding function serves two passes: `Sizer` measures, `Writer` writes into a buffer of
// the measured size; a nested message is measured before its length is written.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include <statefun/wire/reader.hpp>

namespace statefun::wire {

/// The bytes a varint takes.
constexpr std::size_t varint_size(std::uint64_t v) noexcept {
  std::size_t n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}

/// Appends a varint.
inline void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

/// Appends a tag.
inline void put_tag(std::string& out, std::uint32_t field, WireType type) {
  put_varint(out, (std::uint64_t{field} << 3) | static_cast<std::uint8_t>(type));
}

/// Appends a fixed-width value in little-endian order.
template <typename T>
void put_little_endian(std::string& out, T value) {
  static_assert(std::endian::native == std::endian::little, "little-endian hosts only");
  char bytes[sizeof(T)];  // NOLINT(*-avoid-c-arrays): raw bytes
  std::memcpy(bytes, &value, sizeof(T));
  out.append(bytes, sizeof(T));
}

/// Measures the bytes an encoding takes.
class Sizer {
 public:
  /// A string or bytes field; nothing when empty (the proto3 default).
  void string(std::uint32_t field, std::string_view value) noexcept {
    if (!value.empty()) {
      size_ += tag_size(field) + varint_size(value.size()) + value.size();
    }
  }

  /// A varint field (bool, enum, int64); nothing when zero.
  void varint(std::uint32_t field, std::uint64_t value) noexcept {
    if (value != 0) {
      size_ += tag_size(field) + varint_size(value);
    }
  }

  /// An embedded message, written even when empty.
  template <typename EncodeFn>
  void message(std::uint32_t field, EncodeFn encode) {
    Sizer inner;
    encode(inner);
    size_ += tag_size(field) + varint_size(inner.size()) + inner.size();
  }

  std::size_t size() const noexcept { return size_; }

 private:
  static std::size_t tag_size(std::uint32_t field) noexcept {
    return varint_size(std::uint64_t{field} << 3);
  }

  std::size_t size_ = 0;
};

/// Writes an encoding into memory sized by a Sizer.
class Writer {
 public:
  explicit Writer(char* out) noexcept : out_(out) {}

  /// A string or bytes field; nothing when empty (the proto3 default).
  void string(std::uint32_t field, std::string_view value) noexcept {
    if (!value.empty()) {
      tag(field, WireType::length_delimited);
      put(value.size());
      std::memcpy(out_, value.data(), value.size());
      out_ += value.size();
    }
  }

  /// A varint field (bool, enum, int64); nothing when zero.
  void varint(std::uint32_t field, std::uint64_t value) noexcept {
    if (value != 0) {
      tag(field, WireType::varint);
      put(value);
    }
  }

  /// An embedded message, written even when empty.
  template <typename EncodeFn>
  void message(std::uint32_t field, EncodeFn encode) {
    Sizer sizer;
    encode(sizer);
    tag(field, WireType::length_delimited);
    put(sizer.size());
    encode(*this);
  }

  char* position() const noexcept { return out_; }

 private:
  void tag(std::uint32_t field, WireType type) noexcept {
    put((std::uint64_t{field} << 3) | static_cast<std::uint8_t>(type));
  }

  void put(std::uint64_t v) noexcept {
    while (v >= 0x80) {
      *out_++ = static_cast<char>((v & 0x7F) | 0x80);
      v >>= 7;
    }
    *out_++ = static_cast<char>(v);
  }

  char* out_;
};

/// Appends the bytes of the message `encode` describes to `out`.
///
/// Example:
///   append_message(out, [&](auto& m) { m.string(1, "example"); m.varint(2, 1); });
template <typename EncodeFn>
void append_message(std::string& out, EncodeFn encode) {
  Sizer sizer;
  encode(sizer);
  const std::size_t start = out.size();
  out.resize(start + sizer.size());
  Writer writer(out.data() + start);
  encode(writer);
}

/// The bytes of the message `encode` describes.
template <typename EncodeFn>
std::string encode_message(EncodeFn encode) {
  std::string bytes;
  append_message(bytes, encode);
  return bytes;
}

}  // namespace statefun::wire
