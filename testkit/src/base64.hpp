// Base64 (RFC 4648, with padding) for showing raw bytes in JSON.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace statefun::testkit::detail {

std::string base64_encode(std::string_view bytes);

/// nullopt when `text` is not valid padded base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace statefun::testkit::detail
