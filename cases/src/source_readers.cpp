// Reading typed values out of SourceNode, with file:line errors.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "source_tree.hpp"

namespace statefun::cases::detail {

namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) {
    row[j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string quoted_list(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& word : words) {
    out += (out.empty() ? "" : ", ") + word;
  }
  return out;
}

}  // namespace

std::string read_string(const SourceNode& node, std::string_view what) {
  if (!node.is_scalar()) {
    fail(node, std::string(what) + " must be a string, not " + describe(node));
  }
  return node.text;
}

std::int64_t read_integer(const SourceNode& node, std::string_view what) {
  const nlohmann::json value = to_json(node);
  if (!value.is_number_integer() ||
      (value.is_number_unsigned() && value.get<std::uint64_t>() > INT64_MAX)) {
    fail(node, std::string(what) + " must be an integer, not " + describe(node));
  }
  return value.get<std::int64_t>();
}

bool read_bool(const SourceNode& node, std::string_view what) {
  const nlohmann::json value = to_json(node);
  if (!value.is_boolean()) {
    fail(node, std::string(what) + " must be true or false, not " + describe(node));
  }
  return value.get<bool>();
}

std::chrono::milliseconds read_duration(const SourceNode& node, std::string_view what) {
  const std::string text = node.is_scalar() ? node.text : "";
  const std::string usage = std::string(what) +
                            " must be a duration with a unit (250ms, 5s, 2m, 1h), not " +
                            describe(node);
  std::int64_t amount = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), amount);
  if (ec != std::errc{} || amount < 0) {
    fail(node, usage);
  }
  const std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
  if (unit == "ms" || (unit.empty() && amount == 0)) {
    return std::chrono::milliseconds(amount);
  }
  if (unit == "s") {
    return std::chrono::seconds(amount);
  }
  if (unit == "m" || unit == "min") {
    return std::chrono::minutes(amount);
  }
  if (unit == "h") {
    return std::chrono::hours(amount);
  }
  fail(node, usage);
}

MapReader::MapReader(const SourceNode& node, std::string what)
    : node_(node), what_(std::move(what)) {
  if (!node.is_map()) {
    fail(node, what_ + " must be a map of keys, not " + describe(node));
  }
}

const SourceNode* MapReader::optional(std::string_view key) {
  known_.emplace_back(key);
  return node_.find(key);
}

const SourceNode& MapReader::required(std::string_view key) {
  const SourceNode* value = optional(key);
  if (value == nullptr) {
    fail(node_, what_ + " needs '" + std::string(key) + "'");
  }
  return *value;
}

void MapReader::finish() const {
  for (const auto& [key, value] : node_.entries) {
    if (std::find(known_.begin(), known_.end(), key.text) != known_.end()) {
      continue;
    }
    const std::string suggestion = closest_word(key.text, known_);
    fail(key,
         "unknown key '" + key.text + "' in " + what_ +
             (suggestion.empty() ? " (known keys: " + quoted_list(known_) + ")"
                                 : " (did you mean '" + suggestion + "'?)"));
  }
}

std::size_t count_present(std::initializer_list<const SourceNode*> nodes) {
  return static_cast<std::size_t>(
      std::count_if(nodes.begin(), nodes.end(), [](const SourceNode* n) { return n != nullptr; }));
}

std::string closest_word(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  // Short words allow one typo, longer ones about one in three letters.
  std::size_t best_distance =
      (word.size() <= 4 ? 1 : std::max<std::size_t>(2, word.size() / 3)) + 1;
  for (const auto& candidate : candidates) {
    const std::size_t distance = edit_distance(word, candidate);
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace statefun::cases::detail
