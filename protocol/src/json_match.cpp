#include <statefun/protocol/json_match.hpp>

namespace statefun::protocol {

namespace {

/// Records where the first difference is (when asked) and returns false.
bool mismatch(const std::string& at, std::string* where) {
  if (where != nullptr) {
    *where = at.empty() ? "(the whole value)" : at;
  }
  return false;
}

bool contains_at(const nlohmann::json& actual,
                 const nlohmann::json& expected,
                 const std::string& path,
                 std::string* where);

bool object_contains(const nlohmann::json& actual,
                     const nlohmann::json& expected,
                     const std::string& path,
                     std::string* where) {
  if (!actual.is_object()) {
    return mismatch(path, where);
  }
  for (const auto& [key, value] : expected.items()) {
    std::string at = path.empty() ? key : path;
    if (!path.empty()) {
      at.append(".").append(key);
    }
    if (!actual.contains(key)) {
      return mismatch(at, where);
    }
    if (!contains_at(actual[key], value, at, where)) {
      return false;
    }
  }
  return true;
}

bool array_contains(const nlohmann::json& actual,
                    const nlohmann::json& expected,
                    const std::string& path,
                    std::string* where) {
  if (!actual.is_array() || actual.size() != expected.size()) {
    return mismatch(path, where);
  }
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (!contains_at(actual[i], expected[i], path + "[" + std::to_string(i) + "]", where)) {
      return false;
    }
  }
  return true;
}

bool contains_at(const nlohmann::json& actual,
                 const nlohmann::json& expected,
                 const std::string& path,
                 std::string* where) {
  if (expected.is_object()) {
    return object_contains(actual, expected, path, where);
  }
  if (expected.is_array()) {
    return array_contains(actual, expected, path, where);
  }
  return actual == expected || mismatch(path, where);
}

}  // namespace

bool json_contains(const nlohmann::json& actual,
                   const nlohmann::json& expected,
                   std::string* where) {
  return contains_at(actual, expected, "", where);
}

}  // namespace statefun::protocol
