// Reports of a load result: Locust-like text summary, Locust 2.12 CSV files, a progress line,
// and a self-contained HTML page with charts.
#pragma once

#include <ostream>
#include <string>

#include <statefun/load/result.hpp>

namespace statefun::load {

/// The final summary in the layout of Locust's `--only-summary` (request table, percentile
/// table, error report), with times in milliseconds to two decimals.
void print_summary(std::ostream& out, const LoadResult& result);

/// One progress line: "12s  48,213 req  4,017 req/s  p50 0.41 ms  p99 1.20 ms  0 errors".
std::string progress_line(const TimelinePoint& p, double elapsed_s);

/// PREFIX_stats.csv: one row per request kind, then "Aggregated" (times in ms).
std::string stats_csv(const LoadResult& result);

/// PREFIX_stats_history.csv: one "Aggregated" row per second (Unix seconds).
std::string stats_history_csv(const LoadResult& result);

/// PREFIX_failures.csv: one row per request kind and failure kind.
std::string failures_csv(const LoadResult& result);

/// PREFIX_exceptions.csv: the header only (sft load raises no exceptions).
std::string exceptions_csv(const LoadResult& result);

/// Writes the four files PREFIX_stats.csv, PREFIX_stats_history.csv, PREFIX_failures.csv
/// and PREFIX_exceptions.csv. Throws std::runtime_error when a file cannot be written.
void write_csv_files(const std::string& prefix, const LoadResult& result);

/// A self-contained HTML page (the chart library embedded): summary tables and charts over
/// time of requests/s, latency percentiles (p50, p90, p99, max), users or connections, and
/// failures/s.
std::string html_report(const LoadResult& result);

/// Writes `text` to `path`. Throws std::runtime_error when it cannot.
void write_text_file(const std::string& path, const std::string& text);

}  // namespace statefun::load
