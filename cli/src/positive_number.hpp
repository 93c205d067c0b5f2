// A check for numeric flags: a finite number above zero. CLI11's PositiveNumber lets "nan"
// through (every comparison with NaN is false), which then wraps, truncates or loops.
#pragma once

#include <CLI/CLI.hpp>

namespace statefun::cli {

/// Refuses what is not a finite number greater than 0: "-5", "0", "nan", "inf", "1x".
///
/// Example:
///   app.add_option("--rate", rate)->check(positive_number());
CLI::Validator positive_number();

}  // namespace statefun::cli
