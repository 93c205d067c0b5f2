#include "timeline.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>

namespace statefun::load {

namespace {

/// The wall-clock time of `when`, a time of the run's clock.
std::int64_t unix_ms_at(const RunPlan& plan, Clock::time_point when) {
  const auto now_system = std::chrono::system_clock::now();
  const auto now_steady = plan.now();
  const auto at = now_system + std::chrono::duration_cast<std::chrono::system_clock::duration>(
                                   when - now_steady);
  return std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
}

void add(IntervalStats& into, const IntervalStats& from) {
  into.latency.merge(from.latency);
  into.requests += from.requests;
  into.failures += from.failures;
  into.content_bytes += from.content_bytes;
}

}  // namespace

TimelineBuilder::TimelineBuilder(const RunPlan& plan,
                                 const std::vector<std::unique_ptr<Worker>>& workers)
    : plan_(plan), workers_(workers), start_unix_ms_(unix_ms_at(plan, plan.start)) {}

void TimelineBuilder::drain() {
  for (const auto& worker : workers_) {
    for (const IntervalStats& interval : worker->take_published()) {
      add(pending_[interval.second], interval);
    }
  }
}

void TimelineBuilder::collect(int second, const ProgressCallback& on_second) {
  drain();
  const double planned = std::chrono::duration<double>(planned_duration(plan_.config)).count();
  if (planned > 0) {
    second = std::min(second,
                      static_cast<int>(std::ceil(planned - 1e-9)) - 1);  // finish() adds the last
  }
  while (emitted_ < second) {
    emit(emitted_ + 1, 1.0);
    if (on_second) {
      on_second(points_.back());
    }
  }
}

void TimelineBuilder::emit(int second, double seconds) {
  IntervalStats interval;
  if (auto it = pending_.find(second); it != pending_.end()) {
    interval = it->second;
    pending_.erase(it);
  }
  emitted_ = second;
  TimelinePoint point;
  point.unix_ms =
      start_unix_ms_ + static_cast<std::int64_t>(std::llround((second - 1 + seconds) * 1000));
  point.seconds = seconds;
  const double target = plan_.target_at(plan_.start + std::chrono::milliseconds(second * 1000 - 1));
  point.users = plan_.open_model ? plan_.connections
                                 : std::min<double>(std::floor(target), plan_.connections);
  point.requests = interval.requests;
  point.failures = interval.failures;
  for (std::size_t i = 0; i < kReportPercentiles.size(); ++i) {
    point.percentiles[i] = interval.latency.percentile(kReportPercentiles[i]);
  }
  cumulative_.merge(interval.latency);
  total_failures_ += interval.failures;
  total_bytes_ += interval.content_bytes;
  point.total_requests = cumulative_.count();
  point.total_failures = total_failures_;
  point.total_median = cumulative_.percentile(50);
  point.total_min = cumulative_.min();
  point.total_max = cumulative_.max();
  point.total_mean = cumulative_.mean();
  point.total_content_size =
      cumulative_.count() == 0 ? 0 : static_cast<double>(total_bytes_) / cumulative_.count();
  points_.push_back(point);
}

std::vector<FailureRecord> TimelineBuilder::merged_failures() const {
  std::vector<FailureRecord> failures;
  for (std::size_t i = 0; i < plan_.kinds.size() * kFailureKinds; ++i) {
    FailureRecord record = workers_.front()->failures()[i];
    for (std::size_t w = 1; w < workers_.size(); ++w) {
      const FailureRecord& other = workers_[w]->failures()[i];
      record.example = record.count == 0 ? other.example : record.example;
      record.count += other.count;
    }
    if (record.count > 0) {
      failures.push_back(record);
    }
  }
  return failures;
}

LoadResult TimelineBuilder::finish() {
  const auto end = plan_.now();
  drain();
  const double elapsed = std::chrono::duration<double>(end - plan_.start).count();
  const double planned = std::chrono::duration<double>(planned_duration(plan_.config)).count();
  const bool stopped = plan_.stop != nullptr && plan_.stop->load();
  const bool full = planned > 0 && elapsed >= planned && !stopped;
  const double duration = full ? planned : elapsed;
  // Answers that arrived after the last planned second count in that second.
  const int last = std::max(1, static_cast<int>(std::ceil(duration - 1e-9)));
  for (auto it = pending_.upper_bound(last); it != pending_.end(); it = pending_.erase(it)) {
    add(pending_[last], it->second);
  }
  while (emitted_ < last) {
    emit(emitted_ + 1, emitted_ + 1 == last ? duration - (last - 1) : 1.0);
  }
  LoadResult result;
  result.url = plan_.config.url;
  result.model = plan_.open_model ? "open" : "closed";
  result.start_unix_ms = start_unix_ms_;
  result.duration_s = duration;
  result.timeline = points_;
  for (std::size_t k = 0; k < plan_.kinds.size(); ++k) {
    KindResult kind{plan_.kinds[k].name, request_method(plan_.config), 0, 0, 0, {}};
    for (const auto& worker : workers_) {
      kind.merge(worker->kinds()[k]);
    }
    result.kinds.push_back(kind);
  }
  result.failures = merged_failures();
  return result;
}

}  // namespace statefun::load
