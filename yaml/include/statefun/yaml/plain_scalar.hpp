// Plain (unquoted) YAML scalars as values, as YAML 1.2's core schema resolves them.
// Part of statefun::yaml, an internal target: not installed, not an API.
#pragma once

#include <stdexcept>
#include <string_view>

#include <nlohmann/json.hpp>

namespace statefun::yaml {

/// A plain scalar that reads as a number its JSON value cannot hold (`1e400`, a 400-digit
/// integer). Its what() says so in one sentence, without the position: the caller knows it.
class NumberOutOfRange : public std::range_error {
 public:
  using std::range_error::range_error;
};

/// null for "", "~" and null/Null/NULL; true/false in three spellings; integers in decimal,
/// 0x hex and 0o octal (int64, else uint64, else a decimal integer as a double, as JSON
/// parsers do); floats, .inf and .nan; anything else is the string itself. Linear in the
/// length of `text`. Throws NumberOutOfRange for a number no double or 64-bit integer holds.
///
/// Example:
///   assert(resolve_plain("0x1f") == 31);
///   assert(resolve_plain("1.5e3") == 1500.0);
///   assert(resolve_plain("1e") == "1e");
nlohmann::json resolve_plain(std::string_view text);

}  // namespace statefun::yaml
