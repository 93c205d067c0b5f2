#include "request_encoder.hpp"

#include <charconv>
#include <cstdint>
#include <cstring>
#include <stdexcept>

#include <statefun/testkit/json_form.hpp>

namespace statefun::load {

namespace {

std::size_t varint_size(std::uint64_t v) noexcept {
  std::size_t n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}

void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

/// The size of a length-delimited field with a one-byte tag (0 for an empty string).
std::size_t field_size(std::size_t length) noexcept {
  return length == 0 ? 0 : 1 + varint_size(length) + length;
}

void put_field(std::string& out, char tag, std::string_view bytes) {
  if (bytes.empty()) {
    return;
  }
  out.push_back(tag);
  put_varint(out, bytes.size());
  out.append(bytes);
}

std::size_t address_size(std::string_view ns, std::string_view type, std::string_view id) noexcept {
  return field_size(ns.size()) + field_size(type.size()) + field_size(id.size());
}

void put_address(
    std::string& out, char tag, std::string_view ns, std::string_view type, std::string_view id) {
  out.push_back(tag);
  put_varint(out, address_size(ns, type, id));
  put_field(out, 0x0A, ns);
  put_field(out, 0x12, type);
  put_field(out, 0x1A, id);
}

std::size_t typed_value_size(std::string_view type_name,
                             bool has_value,
                             std::string_view value) noexcept {
  return field_size(type_name.size()) + (has_value ? 2 : 0) + field_size(value.size());
}

void put_typed_value(std::string& out,
                     char tag,
                     std::string_view type_name,
                     bool has_value,
                     std::string_view value) {
  out.push_back(tag);
  put_varint(out, typed_value_size(type_name, has_value, value));
  put_field(out, 0x0A, type_name);
  if (has_value) {
    out.append("\x10\x01", 2);
  }
  put_field(out, 0x1A, value);
}

std::size_t state_size(const testkit::StateEntry& s) noexcept {
  std::size_t n = field_size(s.name.size());
  if (s.value) {
    const std::size_t v = typed_value_size(s.value->type_name, s.value->has_value, s.value->value);
    n += 1 + varint_size(v) + v;
  }
  return n;
}

template <typename T>
void put_fixed(std::string& out, char tag, T value) {
  out.push_back(tag);
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));  // little-endian hosts only (x86-64, aarch64)
  out.append(bytes, sizeof(T));
}

template <typename T>
bool parse_int(std::string_view text, T& value) {
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && ptr == text.data() + text.size();
}

}  // namespace

void encode_builtin(std::string_view type_name, std::string_view text, std::string& out) {
  out.clear();
  if (type_name == "io.statefun.types/int") {
    std::int32_t v = 0;
    if (!parse_int(text, v)) {
      throw std::invalid_argument("'" + std::string(text) + "' is not a 32-bit integer");
    }
    if (v != 0) {
      put_fixed(out, 0x0D, v);
    }
    return;
  }
  if (type_name == "io.statefun.types/long") {
    std::int64_t v = 0;
    if (!parse_int(text, v)) {
      throw std::invalid_argument("'" + std::string(text) + "' is not a 64-bit integer");
    }
    if (v != 0) {
      put_fixed(out, 0x09, v);
    }
    return;
  }
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) {
    throw std::invalid_argument("'" + std::string(text) + "' is not valid JSON");
  }
  try {
    out = testkit::make_typed_value(type_name, json).value;
  } catch (const std::exception& e) {
    throw std::invalid_argument(e.what());
  }
}

RequestEncoder::RequestEncoder(std::string_view host, std::string_view target) {
  head_.append("POST ").append(target).append(" HTTP/1.1\r\nHost: ").append(host);
  head_.append(
      "\r\nContent-Type: application/octet-stream\r\nAccept: application/octet-stream\r\n"
      "User-Agent: sft-load\r\nContent-Length: ");
}

void RequestEncoder::render(const RequestKind& kind, const RenderContext& context, Rendered& out) {
  out.id.clear();
  kind.id.render_to(out.id, context);
  out.values.resize(kind.arguments.size());
  for (std::size_t i = 0; i < kind.arguments.size(); ++i) {
    const auto& arg = kind.arguments[i];
    out.values[i].clear();
    if (arg.type_name.starts_with("io.statefun.types/")) {
      scratch_.clear();
      arg.value.render_to(scratch_, context);
      encode_builtin(arg.type_name, scratch_, out.values[i]);
    } else {
      arg.value.render_to(out.values[i], context);
    }
  }
}

void RequestEncoder::write_body(const RequestKind& kind,
                                const Rendered& rendered,
                                const std::vector<testkit::StateEntry>& state,
                                std::string& out) {
  const std::string_view function_type = kind.function_type;
  const auto slash = function_type.rfind('/');
  const std::string_view ns = function_type.substr(0, slash);
  const std::string_view name = function_type.substr(slash + 1);
  const std::size_t target = address_size(ns, name, rendered.id);
  std::size_t batch = 1 + varint_size(target) + target;
  for (const auto& s : state) {
    batch += 1 + varint_size(state_size(s)) + state_size(s);
  }
  const Address* caller = kind.caller ? &*kind.caller : nullptr;
  const std::size_t caller_size =
      caller != nullptr ? address_size(caller->type.ns(), caller->type.name(), caller->id) : 0;
  const std::size_t caller_field =
      caller != nullptr ? 1 + varint_size(caller_size) + caller_size : 0;
  for (std::size_t i = 0; i < kind.arguments.size(); ++i) {
    const std::size_t tv = typed_value_size(kind.arguments[i].type_name, true, rendered.values[i]);
    const std::size_t inv = caller_field + 1 + varint_size(tv) + tv;
    batch += 1 + varint_size(inv) + inv;
  }
  out.append("\xA2\x06", 2);
  put_varint(out, batch);
  put_address(out, 0x0A, ns, name, rendered.id);
  for (const auto& s : state) {
    out.push_back(0x12);
    put_varint(out, state_size(s));
    put_field(out, 0x0A, s.name);
    if (s.value) {
      put_typed_value(out, 0x12, s.value->type_name, s.value->has_value, s.value->value);
    }
  }
  for (std::size_t i = 0; i < kind.arguments.size(); ++i) {
    const std::size_t tv = typed_value_size(kind.arguments[i].type_name, true, rendered.values[i]);
    out.push_back(0x1A);
    put_varint(out, caller_field + 1 + varint_size(tv) + tv);
    if (caller != nullptr) {
      put_address(out, 0x0A, caller->type.ns(), caller->type.name(), caller->id);
    }
    put_typed_value(out, 0x12, kind.arguments[i].type_name, true, rendered.values[i]);
  }
}

void RequestEncoder::encode_body(const RequestKind& kind,
                                 const RenderContext& context,
                                 std::string& out) {
  render(kind, context, rendered_);
  write_body(kind, rendered_, kind.state, out);
}

void RequestEncoder::write(const RequestKind& kind,
                           const Rendered& rendered,
                           const std::vector<testkit::StateEntry>& state,
                           std::string& out) {
  body_.clear();
  write_body(kind, rendered, state, body_);
  out.assign(head_);
  char digits[24];
  const auto [ptr, ec] = std::to_chars(digits, digits + sizeof digits, body_.size());
  out.append(digits, ptr).append("\r\n\r\n").append(body_);
}

void RequestEncoder::encode(const RequestKind& kind,
                            const RenderContext& context,
                            std::string& out) {
  render(kind, context, rendered_);
  write(kind, rendered_, kind.state, out);
}

}  // namespace statefun::load
