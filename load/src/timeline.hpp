// TimelineBuilder: merges the per-second intervals of every worker into the run's timeline,
// and the workers' counts into the final result.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <vector>

#include <statefun/load/engine.hpp>

#include "worker.hpp"

namespace statefun::load {

/// Used by the thread that started the run; reads what the workers publish.
class TimelineBuilder {
 public:
  TimelineBuilder(const RunPlan& plan, const std::vector<std::unique_ptr<Worker>>& workers);

  /// Merges what the workers published and reports `second` (1-based) when it is complete.
  void collect(int second, const ProgressCallback& on_second);

  /// After every worker ended: the whole result.
  LoadResult finish();

 private:
  void drain();
  void emit(int second, double seconds);
  std::vector<FailureRecord> merged_failures() const;

  const RunPlan& plan_;
  const std::vector<std::unique_ptr<Worker>>& workers_;
  std::int64_t start_unix_ms_;
  std::map<int, IntervalStats> pending_;
  int emitted_ = 0;
  Histogram cumulative_;
  std::uint64_t total_failures_ = 0, total_bytes_ = 0;
  std::vector<TimelinePoint> points_;
};

}  // namespace statefun::load
