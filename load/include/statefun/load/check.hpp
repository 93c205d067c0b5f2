// Thresholds on a load result: --check 'p99<20ms' --check 'error_rate<0.1%' --check 'rps>=1000'.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <statefun/load/result.hpp>

namespace statefun::load {

/// One threshold: METRIC OP VALUE. Metrics: pNN (any percentile, e.g. p99, p99.9), avg, min,
/// max, median (latencies: us, ms or s; a bare number is ms); error_rate (a fraction, or with
/// %); rps; requests; failures. Operators: < <= > >= == !=.
struct Check {
  std::string text;    ///< as written
  std::string metric;  ///< as written, e.g. "p99"
  std::string op;
  double value = 0;  ///< latencies in microseconds, error_rate as a fraction
};

/// Parses a threshold. Throws std::invalid_argument with a one-line reason.
///
/// Example:
///   Check c = parse_check("p99<20ms");  // metric "p99", op "<", value 20000
Check parse_check(std::string_view text);

/// A threshold and what the run showed.
struct CheckOutcome {
  Check check;
  double actual = 0;  ///< in the check's units (microseconds, fraction, req/s, count)
  bool passed = false;
  std::string actual_text;  ///< e.g. "12.40ms", "0.02%", "4012.5"
};

/// Evaluates every threshold on the aggregated numbers of `result`.
std::vector<CheckOutcome> evaluate_checks(const LoadResult& result,
                                          const std::vector<Check>& checks);

}  // namespace statefun::load
