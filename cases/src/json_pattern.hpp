// Expected JSON values with regular expressions, compared exactly or as a subset, and shown
// next to the actual value as a line diff.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace statefun::cases::detail {

/// True for {"$regex": "..."}: it matches any string in which the RE2 regex finds a match.
bool is_regex(const nlohmann::json& value);

/// "" when every {"$regex"} in `pattern` compiles, else the reason for the first that does not.
std::string invalid_regex(const nlohmann::json& pattern);

/// True when `actual` matches `expected`: equal scalars (1 equals 1.0), strings matching a
/// {"$regex"}, arrays of the same length matching element by element, objects with the same
/// keys (or, with `subset`, at least the expected keys) whose values match. On a mismatch
/// `where` (when given) receives the path of the first difference ("payload", "items[2]").
bool json_matches(const nlohmann::json& actual,
                  const nlohmann::json& expected,
                  bool subset,
                  std::string* where = nullptr);

/// The pair as it reads best in a diff: regexes that match are replaced by the actual text, and
/// with `subset` the actual objects lose the keys the expected ones do not mention.
struct ShownPair {
  nlohmann::json expected;
  nlohmann::json actual;
};

ShownPair shown_pair(const nlohmann::json& expected, const nlohmann::json& actual, bool subset);

/// Indented JSON (2 spaces, UTF-8 kept, invalid UTF-8 replaced).
std::string pretty(const nlohmann::json& value);

/// One line JSON.
std::string compact(const nlohmann::json& value);

/// A line diff of two texts: common lines start with "  ", expected-only lines with "- ",
/// actual-only lines with "+ "; every line is prefixed with `indent`.
std::string line_diff(std::string_view expected, std::string_view actual, std::string_view indent);

}  // namespace statefun::cases::detail
