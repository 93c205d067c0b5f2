// Comparing decoded JSON values: exactly, or as a subset.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace statefun::protocol {

/// True when `actual` contains `expected`: objects may have more keys than expected (compared
/// recursively), arrays must have the same length with each element contained, and everything
/// else must be equal. On a mismatch `where` (when given) names the first differing path, as
/// in "payload" or "items[2].name".
bool json_contains(const nlohmann::json& actual,
                   const nlohmann::json& expected,
                   std::string* where = nullptr);

}  // namespace statefun::protocol
