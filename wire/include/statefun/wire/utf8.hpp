// UTF-8 validation, as protobuf applies it to proto3 string fields.
// Part of statefun::wire, an internal target: not installed, not an API.
#pragma once

#include <string_view>

namespace statefun::wire {

/// True when `bytes` are well-formed UTF-8 (no overlong forms, surrogates or code points
/// above U+10FFFF).
bool is_valid_utf8(std::string_view bytes) noexcept;

}  // namespace statefun::wire
