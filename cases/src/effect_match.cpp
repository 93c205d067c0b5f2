// Matching expected items to actual ones and describing the differences.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <statefun/protocol/json_form.hpp>
#include <statefun/text/base64.hpp>
#include <statefun/wire/utf8.hpp>

#include "expectations.hpp"
#include "json_pattern.hpp"

namespace statefun::cases::detail {

namespace {

using nlohmann::json;

/// Kuhn's augmenting paths: assigns expected item `e` to a free or re-assignable actual item.
bool assign(std::size_t e,
            const std::vector<std::vector<bool>>& fits,
            std::vector<int>& owner,
            std::vector<bool>& visited) {
  for (std::size_t a = 0; a < owner.size(); ++a) {
    if (!fits[e][a] || visited[a]) {
      continue;
    }
    visited[a] = true;
    if (owner[a] < 0 || assign(static_cast<std::size_t>(owner[a]), fits, owner, visited)) {
      owner[a] = static_cast<int>(e);
      return true;
    }
  }
  return false;
}

/// How many lines of a view_diff differ (start with "- " or "+ " after the indent).
std::size_t changed_lines(std::string_view diff) {
  std::size_t count = 0;
  while (!diff.empty()) {
    const std::size_t end = std::min(diff.find('\n'), diff.size());
    const std::string_view line = diff.substr(0, end);
    if (line.size() >= 6 && (line.substr(4, 2) == "- " || line.substr(4, 2) == "+ ")) {
      ++count;
    }
    diff.remove_prefix(std::min(end + 1, diff.size()));
  }
  return count;
}

std::string indented(std::string_view text, std::string_view indent) {
  std::string out;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    out.append(indent).append(text.substr(0, end)).append("\n");
    text.remove_prefix(std::min(end + 1, text.size()));
  }
  return out;
}

/// Describes an expected item nothing matched, with a diff against the closest actual item
/// (preferring ones no other expected item took), whose index goes to `closest`.
std::string describe_unmatched(const ExpectedItem& item,
                               const std::vector<json>& actual,
                               const std::vector<int>& owner,
                               const std::string& label,
                               std::size_t& closest) {
  std::string out = "expected " + label + " not found (" + item.where.str() + ")";
  if (actual.empty()) {
    return out + ": none was sent; expected:\n" + indented(pretty(item.view), "    ");
  }
  std::string best_diff;
  std::size_t best_score = SIZE_MAX;
  for (std::size_t a = 0; a < actual.size(); ++a) {
    std::string diff = view_diff(item.view, actual[a], item.subset);
    const std::size_t score = changed_lines(diff) * 2 + (owner[a] >= 0 ? 1 : 0);
    if (score < best_score) {
      closest = a;
      best_score = score;
      best_diff = std::move(diff);
    }
  }
  std::string where;
  if (view_matches(item.view, actual[closest], item.subset, &where)) {
    return out + "\n  the " + label + " sent that matches (#" + std::to_string(closest + 1) +
           " of " + std::to_string(actual.size()) + ") matched another expected " + label;
  }
  return out + "\n  closest " + label + " sent (#" + std::to_string(closest + 1) + " of " +
         std::to_string(actual.size()) + ") differs at " + where + " (- expected, + actual):\n" +
         best_diff;
}

}  // namespace

json display_view(json view) {
  if (view.is_object() && view.contains("value")) {
    view.erase("text");
  }
  if (view.is_object() && (view.contains("value") || view.contains("text"))) {
    view.erase("base64");
  }
  return view;
}

json value_view(const TypedValue& value) {
  json view = {{"type", value.type_name}};
  if (!value.has_value) {
    view["has_value"] = false;
    return view;
  }
  const json form = protocol::to_json(value);
  if (form.contains("value")) {
    view["value"] = form["value"];
  }
  if (wire::is_valid_utf8(value.value)) {
    view["text"] = value.value;
  }
  view["base64"] = text::base64_encode(value.value);
  return view;
}

json expected_value_view(const ValuePattern& pattern) {
  json view = json::object();
  if (pattern.type_name) {
    view["type"] = *pattern.type_name;
  }
  if (pattern.value) {
    view["value"] = *pattern.value;
  }
  if (pattern.text) {
    view["text"] = *pattern.text;
  }
  if (pattern.base64) {
    view["base64"] = *pattern.base64;
  }
  return view;
}

bool view_matches(const json& expected, const json& actual, bool subset, std::string* where) {
  if (!expected.is_object() || !actual.is_object()) {
    return json_matches(actual, expected, false, where);
  }
  for (const auto& [key, value] : expected.items()) {
    std::string inner;
    if (!actual.contains(key) ||
        !json_matches(actual[key], value, key == "value" && subset, &inner)) {
      if (where != nullptr) {
        *where = key;
        if (actual.contains(key) && inner != "(the whole value)") {
          where->append(".").append(inner);
        }
      }
      return false;
    }
  }
  return true;
}

std::string view_diff(const json& expected, const json& actual, bool subset) {
  if (!expected.is_object() || !actual.is_object()) {
    const ShownPair pair = shown_pair(expected, actual, false);
    return line_diff(pretty(pair.expected), pretty(pair.actual), "    ");
  }
  ShownPair shown{expected, json::object()};
  for (auto&& [key, value] : shown.expected.items()) {
    if (!actual.contains(key)) {
      continue;
    }
    const ShownPair pair = shown_pair(value, actual[key], key == "value" && subset);
    value = pair.expected;
    shown.actual[key] = pair.actual;
  }
  if (expected.contains("value") && !actual.contains("value") && actual.contains("base64")) {
    const char* form = actual.contains("text") ? "text" : "base64";  // show what it was instead
    shown.actual[form] = actual[form];
  }
  return line_diff(pretty(shown.expected), pretty(shown.actual), "    ");
}

std::vector<std::string> match_items(const std::vector<ExpectedItem>& expected,
                                     const std::vector<json>& actual,
                                     bool exact,
                                     const std::string& label) {
  std::vector<std::vector<bool>> fits(expected.size(), std::vector<bool>(actual.size()));
  for (std::size_t e = 0; e < expected.size(); ++e) {
    for (std::size_t a = 0; a < actual.size(); ++a) {
      fits[e][a] = view_matches(expected[e].view, actual[a], expected[e].subset);
    }
  }
  std::vector<int> owner(actual.size(), -1);
  std::vector<bool> matched(expected.size());
  for (std::size_t e = 0; e < expected.size(); ++e) {
    std::vector<bool> visited(actual.size());
    matched[e] = assign(e, fits, owner, visited);
  }
  std::vector<std::string> failures;
  std::vector<bool> shown(actual.size());
  for (std::size_t e = 0; e < expected.size(); ++e) {
    if (!matched[e]) {
      std::size_t closest = 0;
      failures.push_back(describe_unmatched(expected[e], actual, owner, label, closest));
      shown[closest] = !actual.empty();
    }
  }
  for (std::size_t a = 0; exact && a < actual.size(); ++a) {
    if (owner[a] < 0 && !shown[a]) {  // an item already shown as the closest is not repeated
      failures.push_back("unexpected " + label + " (#" + std::to_string(a + 1) +
                         " sent): " + compact(display_view(actual[a])));
    }
  }
  return failures;
}

}  // namespace statefun::cases::detail
