#include "json_pattern.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "compiled_regex.hpp"

namespace statefun::cases::detail {

namespace {

using nlohmann::json;

bool pattern_finds(const json& pattern, const json& actual) {
  return actual.is_string() && regex_finds(pattern["$regex"].get_ref<const std::string&>(),
                                           actual.get_ref<const std::string&>());
}

std::string join(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

bool mismatch(std::string* where, const std::string& path) {
  if (where != nullptr) {
    *where = path.empty() ? "(the whole value)" : path;
  }
  return false;
}

bool matches_at(const json& actual,
                const json& expected,
                bool subset,
                const std::string& path,
                std::string* where);

bool object_matches(const json& actual,
                    const json& expected,
                    bool subset,
                    const std::string& path,
                    std::string* where) {
  for (const auto& [key, value] : expected.items()) {
    if (!actual.contains(key)) {
      return mismatch(where, join(path, key));
    }
    if (!matches_at(actual[key], value, subset, join(path, key), where)) {
      return false;
    }
  }
  if (!subset) {
    for (const auto& [key, value] : actual.items()) {
      if (!expected.contains(key)) {
        return mismatch(where, join(path, key));
      }
    }
  }
  return true;
}

bool matches_at(const json& actual,
                const json& expected,
                bool subset,
                const std::string& path,
                std::string* where) {
  bool ok = false;
  if (is_regex(expected)) {
    ok = pattern_finds(expected, actual);
  } else if (expected.is_object()) {
    return actual.is_object() ? object_matches(actual, expected, subset, path, where)
                              : mismatch(where, path);
  } else if (expected.is_array()) {
    if (actual.is_array() && actual.size() == expected.size()) {
      for (std::size_t i = 0; i < expected.size(); ++i) {
        if (!matches_at(
                actual[i], expected[i], subset, path + "[" + std::to_string(i) + "]", where)) {
          return false;
        }
      }
      return true;
    }
  } else {
    ok = actual == expected;
  }
  return ok || mismatch(where, path);
}

void shown_at(json& expected, json& actual, bool subset) {
  if (is_regex(expected)) {
    if (pattern_finds(expected, actual)) {
      expected = actual;
    }
    return;
  }
  if (expected.is_object() && actual.is_object()) {
    if (subset) {
      json kept = json::object();
      for (const auto& [key, value] : actual.items()) {
        if (expected.contains(key)) {
          kept[key] = value;
        }
      }
      actual = std::move(kept);
    }
    for (auto&& [key, value] : expected.items()) {
      if (actual.contains(key)) {
        shown_at(value, actual[key], subset);
      }
    }
  } else if (expected.is_array() && actual.is_array()) {
    for (std::size_t i = 0; i < std::min(expected.size(), actual.size()); ++i) {
      shown_at(expected[i], actual[i], subset);
    }
  }
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    lines.push_back(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
  }
  return lines;
}

}  // namespace

bool is_regex(const json& value) {
  return value.is_object() && value.size() == 1 && value.contains("$regex") &&
         value["$regex"].is_string();
}

std::string invalid_regex(const json& pattern) {
  if (is_regex(pattern)) {
    const std::string reason = regex_error(pattern["$regex"].get_ref<const std::string&>());
    return reason.empty() ? "" : "invalid regex " + pattern["$regex"].dump() + ": " + reason;
  }
  if (pattern.is_structured()) {
    for (const auto& item : pattern) {
      if (std::string reason = invalid_regex(item); !reason.empty()) {
        return reason;
      }
    }
  }
  return "";
}

bool json_matches(const json& actual, const json& expected, bool subset, std::string* where) {
  return matches_at(actual, expected, subset, "", where);
}

ShownPair shown_pair(const json& expected, const json& actual, bool subset) {
  ShownPair pair{expected, actual};
  shown_at(pair.expected, pair.actual, subset);
  return pair;
}

std::string pretty(const json& value) {
  return value.dump(2, ' ', false, json::error_handler_t::replace);
}

std::string compact(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string line_diff(std::string_view expected, std::string_view actual, std::string_view indent) {
  const auto a = split_lines(expected);
  const auto b = split_lines(actual);
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
  std::vector<std::vector<std::size_t>> lcs(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = a.size(); i-- > 0;) {
    for (std::size_t j = b.size(); j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::string out;
  const auto emit = [&](std::string_view mark, std::string_view line) {
    out.append(indent).append(mark).append(line).append("\n");
  };
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      emit("  ", a[i++]);
      ++j;
    } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
      emit("- ", a[i++]);
    } else {
      emit("+ ", b[j++]);
    }
  }
  return out;
}

}  // namespace statefun::cases::detail
