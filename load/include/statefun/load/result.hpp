// LoadResult: everything a run measured, its JSON form, and the merge of several runs.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <statefun/load/histogram.hpp>

namespace statefun::load {

/// Why a request failed.
enum class FailureKind {
  connect,       ///< the connection could not be made
  timeout,       ///< no complete answer within the timeout
  transport,     ///< the connection broke, or the answer was not valid HTTP
  status,        ///< an unexpected HTTP status
  content_type,  ///< not Content-Type application/octet-stream
  decode,        ///< the body is not a FromFunction
  expectation,   ///< a valid answer that does not match the expectation
};

inline constexpr int kFailureKinds = 7;

/// "connect", "timeout", "transport", "status", "content-type", "decode", "expectation".
std::string_view to_string(FailureKind kind) noexcept;

/// The percentiles every report shows, as in Locust.
inline constexpr std::array<double, 11> kReportPercentiles = {
    50, 66, 75, 80, 90, 95, 98, 99, 99.9, 99.99, 100};

/// Counts for one request kind (or all of them).
struct KindResult {
  std::string name;
  std::string method = "POST";
  std::uint64_t requests = 0;  ///< completed, successful or not
  std::uint64_t failures = 0;
  std::uint64_t content_bytes = 0;  ///< response bodies
  Histogram latency;                ///< every completed request, in microseconds

  void merge(const KindResult& other);
};

/// The failures of one kind for one request kind, with the first message seen.
struct FailureRecord {
  std::string name;  ///< the request kind
  FailureKind kind = FailureKind::connect;
  std::uint64_t count = 0;
  std::string example;
};

/// One second of the run (the last one may be shorter).
struct TimelinePoint {
  std::int64_t unix_ms = 0;  ///< the end of the interval
  double seconds = 1.0;      ///< the interval's length
  double users = 0;          ///< active users (closed model) or target rate (open model)
  std::uint64_t requests = 0, failures = 0;
  std::array<std::uint64_t, kReportPercentiles.size()> percentiles{};  ///< this interval, us
  std::uint64_t total_requests = 0, total_failures = 0;                ///< since the start
  std::uint64_t total_median = 0, total_min = 0, total_max = 0;        ///< us, since the start
  double total_mean = 0, total_content_size = 0;
};

/// What a playground egress topic gave while a run lasted (LoadConfig::egress_url).
struct EgressResult {
  std::string url;
  std::uint64_t records = 0;
  std::uint64_t failures = 0;             ///< GETs answered with an error or not at all
  std::string failure;                    ///< the first failure's reason
  double seconds = 0;                     ///< from the run's start to the last record drained
  double drained_s = 0;                   ///< of which after the run's last request
  std::vector<std::uint64_t> per_second;  ///< records in each second since the run's start

  /// Records per second over `seconds`.
  double rate() const noexcept { return seconds > 0 ? static_cast<double>(records) / seconds : 0; }
};

/// The whole result of one run, or of several runs merged.
// NOLINTNEXTLINE(bugprone-exception-escape): its implicit moves are nlohmann::json's, noexcept
struct LoadResult {
  std::string url;
  std::string model;  ///< "closed" or "open"
  std::int64_t start_unix_ms = 0;
  double duration_s = 0;  ///< measured
  unsigned runs = 1;      ///< how many runs were merged into this one
  nlohmann::json config;  ///< the flags, for the record
  std::vector<KindResult> kinds;
  std::vector<FailureRecord> failures;
  std::vector<TimelinePoint> timeline;
  std::optional<EgressResult> egress;  ///< when LoadConfig::egress_url was given

  /// All kinds together ("Aggregated").
  KindResult total() const;

  /// Requests per second over the run.
  double rps() const noexcept;

  /// Failures counted by kind over every request kind.
  std::array<std::uint64_t, kFailureKinds> failures_by_kind() const;
};

/// The JSON form (histograms as sparse buckets), and back. Throws std::invalid_argument for
/// a JSON document that is not a load result.
nlohmann::json to_json(const LoadResult& result);
LoadResult result_from_json(const nlohmann::json& json);

/// Merges runs made at the same time from several machines: counts and histograms add up,
/// timelines add up second by second, the duration is the longest.
LoadResult merge_results(const std::vector<LoadResult>& results);

}  // namespace statefun::load
