#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <statefun/protocol/json_text.hpp>

namespace statefun::protocol {

namespace {

/// The most arrays and objects open at once in `text`, brackets in strings not counted: for
/// JSON, and for the valid start of what is not, the nesting the parser meets.
int bracket_depth(std::string_view text) noexcept {
  int depth = 0;
  int deepest = 0;
  bool in_string = false;
  bool escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

}  // namespace

nlohmann::json parse_json(std::string_view text) {
  using nlohmann::json;
  if (bracket_depth(text) <= kMaxJsonDepth) {
    return json::parse(text.begin(), text.end(), nullptr, false);  // no event can be too deep
  }
  // The parser itself is iterative; the callback only notices the depth (and drops what is
  // deeper, so that nothing deep is built).
  bool too_deep = false;
  const json::parser_callback_t within_depth = [&too_deep](int depth, json::parse_event_t, json&) {
    if (depth > kMaxJsonDepth) {
      too_deep = true;
      return false;
    }
    return true;
  };
  json parsed = json::parse(text.begin(), text.end(), within_depth, false);
  return too_deep ? json(json::value_t::discarded) : parsed;
}

namespace {

/// The exponent of a number, saturated far beyond any double's: 1e99999999999999999999 must
/// not throw.
long long saturated_exponent(std::string_view power) {
  const bool negative = !power.empty() && power.front() == '-';
  if (!power.empty() && (power.front() == '-' || power.front() == '+')) {
    power.remove_prefix(1);
  }
  constexpr long long kSaturated = 1'000'000'000'000LL;
  long long exponent = 0;
  for (const char digit : power) {
    exponent = std::min(kSaturated, exponent * 10 + (digit - '0'));
  }
  return negative ? -exponent : exponent;
}

/// A decimal number's value, written one way: sign, digits without leading or trailing
/// zeros, and the power of ten of the first digit ("0" for zero, whatever its form).
std::string canonical_decimal(std::string_view text) {
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  std::string digits;
  long long point = 0;  // digits before the decimal point
  bool seen_point = false;
  std::size_t i = 0;
  for (; i < text.size() && text[i] != 'e' && text[i] != 'E'; ++i) {
    if (text[i] == '.') {
      seen_point = true;
    } else {
      digits.push_back(text[i]);
      if (!seen_point) {
        ++point;
      }
    }
  }
  const long long exponent = i < text.size() ? saturated_exponent(text.substr(i + 1)) : 0;
  const std::size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) {
    return "0";
  }
  const std::size_t last = digits.find_last_not_of('0');
  const long long power = point - static_cast<long long>(first) - 1 + exponent;
  return std::string(negative ? "-" : "") + digits.substr(first, last - first + 1) + "e" +
         std::to_string(power);
}

/// Reads a document and notes what parse_json would lose.
class LossCheck final : public nlohmann::json_sax<nlohmann::json> {
 public:
  bool lossless() const noexcept { return lossless_; }

  bool null() override { return true; }

  bool boolean(bool /*value*/) override { return true; }

  bool number_integer(number_integer_t /*value*/) override { return true; }

  bool number_unsigned(number_unsigned_t /*value*/) override { return true; }

  bool number_float(number_float_t value, const string_t& text) override {
    if (!std::isfinite(value) ||
        canonical_decimal(nlohmann::json(value).dump()) != canonical_decimal(text)) {
      lossless_ = false;
    }
    return lossless_;
  }

  bool string(string_t& /*value*/) override { return true; }

  bool binary(binary_t& /*value*/) override { return true; }

  bool start_object(std::size_t /*elements*/) override {
    keys_.emplace_back();
    return keys_.size() + arrays_ <= kMaxJsonDepth;
  }

  bool key(string_t& key) override {
    if (!keys_.back().insert(key).second) {
      lossless_ = false;
    }
    return lossless_;
  }

  bool end_object() override {
    keys_.pop_back();
    return true;
  }

  bool start_array(std::size_t /*elements*/) override {
    ++arrays_;
    return keys_.size() + arrays_ <= kMaxJsonDepth;
  }

  bool end_array() override {
    --arrays_;
    return true;
  }

  bool parse_error(std::size_t /*position*/,
                   const std::string& /*last_token*/,
                   const nlohmann::detail::exception& /*error*/) override {
    lossless_ = false;
    return false;
  }

 private:
  std::vector<std::set<std::string>> keys_;
  std::size_t arrays_ = 0;
  bool lossless_ = true;
};

}  // namespace

bool reads_losslessly(std::string_view text) {
  LossCheck check;
  const bool read = nlohmann::json::sax_parse(text.begin(), text.end(), &check);
  return read && check.lossless();
}

}  // namespace statefun::protocol
