#include <statefun/protocol/json_match.hpp>

namespace statefun::protocol {

namespace {

bool contains_at(const nlohmann::json& actual,
                 const nlohmann::json& expected,
                 const std::string& path,
                 std::string* where) {
  const auto mismatch = [&](const std::string& at) {
    if (where != nullptr) {
      *where = at.empty() ? "(the whole value)" : at;
    }
    return false;
  };
  if (expected.is_object()) {
    if (!actual.is_object()) {
      return mismatch(path);
    }
    for (const auto& [key, value] : expected.items()) {
      const std::string at = path.empty() ? key : path + "." + key;
      if (!actual.contains(key)) {
        return mismatch(at);
      }
      if (!contains_at(actual[key], value, at, where)) {
        return false;
      }
    }
    return true;
  }
  if (expected.is_array()) {
    if (!actual.is_array() || actual.size() != expected.size()) {
      return mismatch(path);
    }
    for (std::size_t i = 0; i < expected.size(); ++i) {
      if (!contains_at(actual[i], expected[i], path + "[" + std::to_string(i) + "]", where)) {
        return false;
      }
    }
    return true;
  }
  return actual == expected ? true : mismatch(path);
}

}  // namespace

bool json_contains(const nlohmann::json& actual,
                   const nlohmann::json& expected,
                   std::string* where) {
  return contains_at(actual, expected, "", where);
}

}  // namespace statefun::protocol
