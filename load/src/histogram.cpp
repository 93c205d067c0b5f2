#include <algorithm>
#include <bit>
#include <cmath>

#include <statefun/load/histogram.hpp>

namespace statefun::load {

int Histogram::index_of(std::uint64_t v) noexcept {
  constexpr std::uint64_t kLinear = 1ULL << kSubBits;
  if (v < kLinear) {
    return static_cast<int>(v);
  }
  const int magnitude = static_cast<int>(std::bit_width(v)) - 1;  // >= kSubBits
  const int shift = magnitude - kSubBits;
  const auto mantissa = static_cast<int>(v >> shift);  // in [128, 256)
  return ((shift + 1) << kSubBits) + (mantissa - static_cast<int>(kLinear));
}

std::uint64_t Histogram::lowest_of(int index) noexcept {
  constexpr int kLinear = 1 << kSubBits;
  if (index < kLinear) {
    return static_cast<std::uint64_t>(index);
  }
  const int shift = (index >> kSubBits) - 1;
  const auto mantissa = static_cast<std::uint64_t>(index & (kLinear - 1)) + std::uint64_t{kLinear};
  return mantissa << shift;
}

std::uint64_t Histogram::width_of(int index) noexcept {
  const int shift = (index >> kSubBits) - 1;
  return shift <= 0 ? 1 : (1ULL << shift);
}

void Histogram::merge(const Histogram& other) noexcept {
  for (int i = 0; i < kBucketCount; ++i) {
    counts_[i] += other.counts_[i];
  }
  count_ += other.count_;
  sum_ += other.sum_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
}

void Histogram::reset() noexcept {
  *this = Histogram();
}

std::uint64_t Histogram::percentile(double percent) const noexcept {
  if (count_ == 0) {
    return 0;
  }
  const double clamped = std::clamp(percent, 0.0, 100.0);
  auto rank = static_cast<std::uint64_t>(std::ceil(clamped / 100.0 * static_cast<double>(count_)));
  rank = std::clamp<std::uint64_t>(rank, 1, count_);
  std::uint64_t seen = 0;
  for (int i = 0; i < kBucketCount; ++i) {
    seen += counts_[i];
    if (seen >= rank) {
      const std::uint64_t mid = lowest_of(i) + (width_of(i) - 1) / 2;
      return std::clamp(mid, min(), max_);
    }
  }
  return max_;
}

std::vector<std::pair<int, std::uint64_t>> Histogram::buckets() const {
  std::vector<std::pair<int, std::uint64_t>> result;
  for (int i = 0; i < kBucketCount; ++i) {
    if (counts_[i] != 0) {
      result.emplace_back(i, counts_[i]);
    }
  }
  return result;
}

void Histogram::add_bucket(int index, std::uint64_t count) noexcept {
  if (index < 0 || index >= kBucketCount) {
    return;
  }
  counts_[index] += count;
  count_ += count;
}

void Histogram::set_summary(std::uint64_t sum, std::uint64_t min, std::uint64_t max) noexcept {
  sum_ = sum;
  min_ = count_ == 0 ? UINT64_MAX : min;
  max_ = max;
}

}  // namespace statefun::load
