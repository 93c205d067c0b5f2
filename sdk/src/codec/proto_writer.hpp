// Writing protobuf messages by hand, exactly as protobuf's own serializer lays them out: fields
// in number order, proto3 defaults left out, set sub-messages written even when empty.
//
// One encoding function serves two passes: `Sizer` measures, `Writer` writes into a buffer of
// the measured size; a nested message is measured before its length is written.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "detail/wire.hpp"

namespace statefun::detail {

/// Measures the bytes an encoding takes.
class Sizer {
 public:
  void string(std::uint32_t field, std::string_view value) {
    if (!value.empty()) {
      size_ += tag_size(field) + wire::varint_size(value.size()) + value.size();
    }
  }

  void varint(std::uint32_t field, std::uint64_t value) {
    if (value != 0) {
      size_ += tag_size(field) + wire::varint_size(value);
    }
  }

  template <typename EncodeFn>
  void message(std::uint32_t field, EncodeFn encode) {
    Sizer inner;
    encode(inner);
    size_ += tag_size(field) + wire::varint_size(inner.size()) + inner.size();
  }

  std::size_t size() const noexcept { return size_; }

 private:
  static std::size_t tag_size(std::uint32_t field) { return wire::varint_size(field << 3); }

  std::size_t size_ = 0;
};

/// Writes an encoding into memory sized by a Sizer.
class Writer {
 public:
  explicit Writer(char* out) : out_(out) {}

  void string(std::uint32_t field, std::string_view value) {
    if (!value.empty()) {
      tag(field, wire::WireType::length_delimited);
      put_varint(value.size());
      std::memcpy(out_, value.data(), value.size());
      out_ += value.size();
    }
  }

  void varint(std::uint32_t field, std::uint64_t value) {
    if (value != 0) {
      tag(field, wire::WireType::varint);
      put_varint(value);
    }
  }

  template <typename EncodeFn>
  void message(std::uint32_t field, EncodeFn encode) {
    Sizer sizer;
    encode(sizer);
    tag(field, wire::WireType::length_delimited);
    put_varint(sizer.size());
    encode(*this);
  }

  char* position() const noexcept { return out_; }

 private:
  void tag(std::uint32_t field, wire::WireType type) {
    put_varint((std::uint64_t{field} << 3) | static_cast<std::uint8_t>(type));
  }

  void put_varint(std::uint64_t v) {
    while (v >= 0x80) {
      *out_++ = static_cast<char>((v & 0x7F) | 0x80);
      v >>= 7;
    }
    *out_++ = static_cast<char>(v);
  }

  char* out_;
};

/// Appends the bytes of the message `encode` describes to `out`.
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

/// The fields of request-reply.proto's Address (namespace, type, id).
template <typename Out>
void encode_address(Out& out, std::string_view ns, std::string_view type, std::string_view id) {
  out.string(1, ns);
  out.string(2, type);
  out.string(3, id);
}

/// The fields of request-reply.proto's TypedValue (typename, has_value, value).
template <typename Out>
void encode_typed_value(Out& out,
                        std::string_view type_name,
                        bool has_value,
                        std::string_view value) {
  out.string(1, type_name);
  out.varint(2, has_value ? 1 : 0);
  out.string(3, value);
}

}  // namespace statefun::detail
