// Histogram: a log-linear (HDR-style) latency histogram in microseconds with fixed memory.
#pragma once

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

namespace statefun::load {

/// Counts values (microseconds) in buckets that are exact below 128 and 1/128 of a power of two
/// wide above, so any percentile is within 0.4% of the exact value. Values above about 73
/// minutes are counted as that maximum. Fixed memory (about 26 KB), cheap to record, mergeable
/// without loss.
///
/// Example:
///   Histogram h;
///   h.record(1520);
///   std::uint64_t p99 = h.percentile(99.0);  // microseconds
class Histogram {
 public:
  static constexpr int kSubBits = 7;        ///< 128 buckets per power of two
  static constexpr int kMaxMagnitude = 32;  ///< values below 2^32 us
  static constexpr std::uint64_t kMaxValue = (1ULL << kMaxMagnitude) - 1;
  static constexpr int kBucketCount = (kMaxMagnitude - kSubBits + 1) << kSubBits;

  /// Counts one value.
  void record(std::uint64_t micros) noexcept {
    const std::uint64_t v = micros > kMaxValue ? kMaxValue : micros;
    ++counts_[index_of(v)];
    ++count_;
    sum_ += v;
    min_ = v < min_ ? v : min_;
    max_ = v > max_ ? v : max_;
  }

  /// Adds every count of `other`.
  void merge(const Histogram& other) noexcept;

  /// Forgets everything.
  void reset() noexcept;

  std::uint64_t count() const noexcept { return count_; }

  /// The smallest value recorded, 0 when empty.
  std::uint64_t min() const noexcept { return count_ == 0 ? 0 : min_; }

  std::uint64_t max() const noexcept { return max_; }

  double mean() const noexcept { return count_ == 0 ? 0.0 : static_cast<double>(sum_) / count_; }

  std::uint64_t sum() const noexcept { return sum_; }

  /// The value at `percent` (0..100): the smallest bucket value v such that at least percent%
  /// of the values are <= v, reported as the bucket's midpoint and clamped to [min, max].
  /// 0 when empty.
  std::uint64_t percentile(double percent) const noexcept;

  /// The bucket a value falls in.
  static int index_of(std::uint64_t v) noexcept;

  /// The lowest value of a bucket.
  static std::uint64_t lowest_of(int index) noexcept;

  /// The width of a bucket (1 below 128).
  static std::uint64_t width_of(int index) noexcept;

  /// The non-empty buckets as (index, count) pairs, for serialization.
  std::vector<std::pair<int, std::uint64_t>> buckets() const;

  /// Adds `count` values to a bucket (used to read a serialized histogram back); the sum, min
  /// and max are set separately with set_summary.
  void add_bucket(int index, std::uint64_t count) noexcept;

  /// Restores sum, min and max after add_bucket calls.
  void set_summary(std::uint64_t sum, std::uint64_t min, std::uint64_t max) noexcept;

 private:
  std::array<std::uint64_t, kBucketCount> counts_{};
  std::uint64_t count_ = 0;
  std::uint64_t sum_ = 0;
  std::uint64_t min_ = UINT64_MAX;
  std::uint64_t max_ = 0;
};

}  // namespace statefun::load
