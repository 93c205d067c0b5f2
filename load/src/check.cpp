#include <array>
#include <charconv>
#include <stdexcept>
#include <system_error>

#include <statefun/load/check.hpp>

namespace statefun::load {

namespace {

bool is_latency(std::string_view metric) {
  return (metric.size() > 1 && metric[0] == 'p') || metric == "avg" || metric == "min" ||
         metric == "max" || metric == "median";
}

double percentile_of(std::string_view metric) {
  double p = 0;
  const auto [ptr, ec] = std::from_chars(metric.data() + 1, metric.data() + metric.size(), p);
  if (ec != std::errc() || ptr != metric.data() + metric.size() || p < 0 || p > 100) {
    throw std::invalid_argument("'" + std::string(metric) +
                                "' is not a percentile such as p99 or p99.9");
  }
  return p;
}

/// The number in `text` with its unit applied.
double parse_value(std::string_view metric, std::string_view text, std::string_view whole) {
  double number = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc()) {
    throw std::invalid_argument("check '" + std::string(whole) + "': no number after the operator");
  }
  const std::string_view unit(ptr, text.data() + text.size() - ptr);
  if (is_latency(metric)) {
    if (unit == "us") {
      return number;
    }
    if (unit == "ms" || unit.empty()) {
      return number * 1000;
    }
    if (unit == "s") {
      return number * 1'000'000;
    }
  } else if (metric == "error_rate") {
    if (unit == "%") {
      return number / 100;
    }
    if (unit.empty()) {
      return number;
    }
  } else if (unit.empty() || (metric == "rps" && unit == "/s")) {
    return number;
  }
  throw std::invalid_argument("check '" + std::string(whole) + "': unit '" + std::string(unit) +
                              "' does not fit " + std::string(metric));
}

/// `value` with `decimals` digits after the point.
std::string fixed(double value, int decimals) {
  std::array<char, 64> buffer{};
  const auto result = std::to_chars(
      buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::fixed, decimals);
  return {buffer.data(), result.ptr};
}

std::string describe(std::string_view metric, double actual) {
  if (is_latency(metric)) {
    return fixed(actual / 1000, 2) + "ms";
  }
  if (metric == "error_rate") {
    return fixed(actual * 100, 3) + "%";
  }
  return fixed(actual, 1);
}

double measure(const LoadResult& result, const KindResult& total, std::string_view metric) {
  if (metric == "avg") {
    return total.latency.mean();
  }
  if (metric == "min") {
    return static_cast<double>(total.latency.min());
  }
  if (metric == "max") {
    return static_cast<double>(total.latency.max());
  }
  if (metric == "median") {
    return static_cast<double>(total.latency.percentile(50));
  }
  if (metric == "error_rate") {
    return total.requests == 0 ? 0.0 : static_cast<double>(total.failures) / total.requests;
  }
  if (metric == "rps") {
    return result.rps();
  }
  if (metric == "requests") {
    return static_cast<double>(total.requests);
  }
  if (metric == "failures") {
    return static_cast<double>(total.failures);
  }
  return static_cast<double>(total.latency.percentile(percentile_of(metric)));
}

bool compare(double actual, std::string_view op, double value) {
  if (op == "<") {
    return actual < value;
  }
  if (op == "<=") {
    return actual <= value;
  }
  if (op == ">") {
    return actual > value;
  }
  if (op == ">=") {
    return actual >= value;
  }
  if (op == "==") {
    return actual == value;
  }
  return actual != value;
}

}  // namespace

Check parse_check(std::string_view text) {
  std::string compact;
  for (const char c : text) {
    if (c != ' ') {
      compact += c;
    }
  }
  const auto op_at = compact.find_first_of("<>=!");
  if (op_at == std::string::npos || op_at == 0) {
    throw std::invalid_argument("check '" + std::string(text) +
                                "': expected METRIC OP VALUE, e.g. p99<20ms");
  }
  const std::size_t op_size = op_at + 1 < compact.size() && compact[op_at + 1] == '=' ? 2 : 1;
  Check check{std::string(text), compact.substr(0, op_at), compact.substr(op_at, op_size), 0};
  if (check.op == "=" || check.op == "!") {
    throw std::invalid_argument("check '" + std::string(text) +
                                "': the operator must be < <= > >= == or !=");
  }
  const std::string& m = check.metric;
  if (!is_latency(m) && m != "error_rate" && m != "rps" && m != "requests" && m != "failures") {
    throw std::invalid_argument(
        "check '" + std::string(text) + "': unknown metric '" + m +
        "' (pNN, avg, min, max, median, error_rate, rps, requests, failures)");
  }
  if (m[0] == 'p') {
    percentile_of(m);
  }
  check.value = parse_value(m, std::string_view(compact).substr(op_at + op_size), text);
  return check;
}

std::vector<CheckOutcome> evaluate_checks(const LoadResult& result,
                                          const std::vector<Check>& checks) {
  const KindResult total = result.total();
  std::vector<CheckOutcome> outcomes;
  for (const Check& check : checks) {
    const double actual = measure(result, total, check.metric);
    outcomes.push_back(
        {check, actual, compare(actual, check.op, check.value), describe(check.metric, actual)});
  }
  return outcomes;
}

}  // namespace statefun::load
