// The built-in types: protobuf wrappers with one field `value = 1`, encoded by hand.
#include <bit>
#include <type_traits>

#include <statefun/error.hpp>
#include <statefun/types.hpp>
#include <statefun/wire/reader.hpp>
#include <statefun/wire/writer.hpp>

namespace statefun {

namespace {

using wire::Reader;
using wire::WireType;

[[noreturn]] void throw_invalid(std::string_view type_name) {
  throw Error(errc::invalid_value, "invalid " + std::string(type_name) + " bytes");
}

/// Finds field 1 of the expected wire type in a wrapper message and reads it with `read`;
/// the last occurrence wins and other fields are skipped, as a protobuf parser does. Returns
/// the default value when the field is absent (proto3 zero value).
template <typename T, typename ReadFn>
T decode_wrapper(std::string_view bytes,
                 WireType expected,
                 std::string_view type_name,
                 ReadFn read) {
  T result{};
  Reader reader(bytes);
  while (!reader.done()) {
    const auto tag = reader.tag();
    if (!tag) {
      throw_invalid(type_name);
    }
    if (tag->field == 1 && tag->type == expected) {
      const auto value = read(reader);
      if (!value) {
        throw_invalid(type_name);
      }
      result = static_cast<T>(*value);
    } else if (!reader.skip(tag->type, tag->field)) {
      throw_invalid(type_name);
    }
  }
  return result;
}

/// Proto3 writes no field for a zero value; for floating point, only +0.0 (all bits zero) is
/// zero, so -0.0 is written, as protobuf's own code does.
template <typename T>
std::string encode_fixed(T value, WireType wire_type) {
  using Bits = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
  std::string out;
  if (std::bit_cast<Bits>(value) != 0) {
    wire::put_tag(out, 1, wire_type);
    wire::put_little_endian(out, value);
  }
  return out;
}

template <typename T>
auto fixed_reader() {
  return [](Reader& r) { return r.little_endian<T>(); };
}

}  // namespace

const Type<bool>& bool_type() {
  static const Type<bool> type(
      TypeName(type_names::kBool),
      [](const bool& v) { return v ? std::string("\x08\x01", 2) : std::string(); },
      [](std::string_view b) {
        return decode_wrapper<bool>(
            b, WireType::varint, type_names::kBool, [](Reader& r) { return r.varint(); });
      });
  return type;
}

const Type<std::int32_t>& int_type() {
  static const Type<std::int32_t> type(
      TypeName(type_names::kInt),
      [](const std::int32_t& v) { return encode_fixed(v, WireType::fixed32); },
      [](std::string_view b) {
        return decode_wrapper<std::int32_t>(
            b, WireType::fixed32, type_names::kInt, fixed_reader<std::int32_t>());
      });
  return type;
}

const Type<std::int64_t>& long_type() {
  static const Type<std::int64_t> type(
      TypeName(type_names::kLong),
      [](const std::int64_t& v) { return encode_fixed(v, WireType::fixed64); },
      [](std::string_view b) {
        return decode_wrapper<std::int64_t>(
            b, WireType::fixed64, type_names::kLong, fixed_reader<std::int64_t>());
      });
  return type;
}

const Type<float>& float_type() {
  static const Type<float> type(
      TypeName(type_names::kFloat),
      [](const float& v) { return encode_fixed(v, WireType::fixed32); },
      [](std::string_view b) {
        return decode_wrapper<float>(
            b, WireType::fixed32, type_names::kFloat, fixed_reader<float>());
      });
  return type;
}

const Type<double>& double_type() {
  static const Type<double> type(
      TypeName(type_names::kDouble),
      [](const double& v) { return encode_fixed(v, WireType::fixed64); },
      [](std::string_view b) {
        return decode_wrapper<double>(
            b, WireType::fixed64, type_names::kDouble, fixed_reader<double>());
      });
  return type;
}

const Type<std::string>& string_type() {
  static const Type<std::string> type(
      TypeName(type_names::kString),
      [](const std::string& v) {
        std::string out;
        if (!v.empty()) {
          wire::put_tag(out, 1, WireType::length_delimited);
          wire::put_varint(out, v.size());
          out += v;
        }
        return out;
      },
      [](std::string_view b) {
        return decode_wrapper<std::string>(
            b, WireType::length_delimited, type_names::kString, [](Reader& r) {
              return r.length_delimited();
            });
      });
  return type;
}

}  // namespace statefun
