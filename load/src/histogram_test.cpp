#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include <statefun/load/histogram.hpp>

namespace statefun::load {
namespace {

std::uint64_t exact_percentile(std::vector<std::uint64_t> sorted, double percent) {
  const auto n = sorted.size();
  auto rank = static_cast<std::size_t>(std::ceil(percent / 100.0 * static_cast<double>(n)));
  rank = std::clamp<std::size_t>(rank, 1, n);
  return sorted[rank - 1];
}

/// A recorded-like sample: mostly sub-millisecond latencies with a long tail up to seconds.
std::vector<std::uint64_t> latency_sample() {
  std::mt19937_64 random(42);
  std::lognormal_distribution<double> body(std::log(300.0), 0.6);
  std::exponential_distribution<double> tail(1.0 / 50'000);
  std::vector<std::uint64_t> values;
  for (int i = 0; i < 200'000; ++i) {
    const double v = i % 100 == 0 ? tail(random) : body(random);
    values.push_back(static_cast<std::uint64_t>(v));
  }
  std::sort(values.begin(), values.end());
  return values;
}

TEST(Histogram, PercentilesAreWithinOnePercentOfTheExactValues) {
  const auto values = latency_sample();
  Histogram h;
  for (const auto v : values) {
    h.record(v);
  }
  for (const double p : {50.0, 66.0, 75.0, 80.0, 90.0, 95.0, 98.0, 99.0, 99.9, 99.99, 100.0}) {
    const auto exact = static_cast<double>(exact_percentile(values, p));
    const auto approx = static_cast<double>(h.percentile(p));
    EXPECT_LE(std::abs(approx - exact), std::max(0.01 * exact, 0.5)) << "p" << p;
  }
  EXPECT_EQ(h.count(), values.size());
  EXPECT_EQ(h.min(), values.front());
  EXPECT_EQ(h.max(), values.back());
}

TEST(Histogram, SmallValuesAreExact) {
  Histogram h;
  for (std::uint64_t v = 0; v < 128; ++v) {
    h.record(v);
  }
  EXPECT_EQ(h.percentile(50), 63U);
  EXPECT_EQ(h.percentile(100), 127U);
  EXPECT_EQ(h.percentile(0), 0U);
}

TEST(Histogram, MergingEqualsRecordingEverythingInOne) {
  const auto values = latency_sample();
  Histogram all;
  Histogram a;
  Histogram b;
  for (std::size_t i = 0; i < values.size(); ++i) {
    all.record(values[i]);
    (i % 3 == 0 ? a : b).record(values[i]);
  }
  a.merge(b);
  EXPECT_EQ(a.count(), all.count());
  EXPECT_EQ(a.sum(), all.sum());
  EXPECT_EQ(a.buckets(), all.buckets());
  EXPECT_EQ(a.percentile(99.9), all.percentile(99.9));
}

TEST(Histogram, MemoryIsFixedAndHugeValuesAreClamped) {
  static_assert(sizeof(Histogram) < std::size_t{32} * 1024);
  Histogram h;
  h.record(UINT64_MAX);
  EXPECT_EQ(h.max(), Histogram::kMaxValue);
  EXPECT_EQ(h.percentile(50), Histogram::kMaxValue);
}

TEST(Histogram, BucketsReadBackIntoTheSameHistogram) {
  Histogram h;
  for (const auto v : latency_sample()) {
    h.record(v);
  }
  Histogram copy;
  for (const auto& [index, count] : h.buckets()) {
    copy.add_bucket(index, count);
  }
  copy.set_summary(h.sum(), h.min(), h.max());
  EXPECT_EQ(copy.percentile(95), h.percentile(95));
  EXPECT_DOUBLE_EQ(copy.mean(), h.mean());
}

TEST(Histogram, BucketIndexAndLowestValueAgree) {
  for (std::uint64_t v :
       {0ULL, 1ULL, 127ULL, 128ULL, 255ULL, 256ULL, 257ULL, 1000ULL, 123456789ULL}) {
    const int i = Histogram::index_of(v);
    EXPECT_LE(Histogram::lowest_of(i), v);
    EXPECT_GT(Histogram::lowest_of(i) + Histogram::width_of(i), v);
  }
}

}  // namespace
}  // namespace statefun::load
