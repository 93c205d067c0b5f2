// JSON read from outside (a message's bytes, a file, a flag) with a bound on its nesting: printing
// and comparing walk it recursively, and pretty-printing costs the square of its depth.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

namespace statefun::protocol {

/// The deepest nesting parse_json accepts: far beyond real messages, far from a stack's end.
inline constexpr int kMaxJsonDepth = 256;

/// `text` as JSON, or a discarded value (is_discarded()) when it is not JSON or nests arrays
/// and objects deeper than kMaxJsonDepth.
///
/// Example:
///   assert(parse_json(R"({"a": [1]})")["a"][0] == 1);
///   assert(parse_json(std::string(300, '[') + std::string(300, ']')).is_discarded());
nlohmann::json parse_json(std::string_view text);

}  // namespace statefun::protocol
