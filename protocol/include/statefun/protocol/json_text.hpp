// JSON read from outside (a message's bytes, a file, a flag) with a bound on its nesting: printing
// and comparing walk it recursively, and pretty-printing costs the square of its depth.
#pragma once

#include <string>
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

/// Whether `text` is JSON that parse_json reads without losing anything: every number is
/// the very decimal its text writes (not 3685184467440737095516164775809 read as
/// 3.685184467440737e+30, nor 0.30000000000000000001 as 0.3) and no object repeats a key (the
/// last would win). Blanks, key order and escapes are not information and may differ.
///
/// Example:
///   assert(reads_losslessly("{\"b\": 1.10, \"a\": \"\\u00e9\"}"));
///   assert(!reads_losslessly("12345678901234567890123"));
///   assert(!reads_losslessly("{\"a\": 1, \"a\": 2}"));
bool reads_losslessly(std::string_view text);

}  // namespace statefun::protocol
