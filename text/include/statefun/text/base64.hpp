// Base64 (RFC 4648, standard alphabet, with padding), for bytes shown in JSON and YAML.
// Part of statefun::text, an internal target: not installed, not an API.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace statefun::text {

/// The padded base64 text of `bytes`.
std::string base64_encode(std::string_view bytes);

/// The bytes of padded base64 `text`; nullopt when it is not valid padded base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace statefun::text
