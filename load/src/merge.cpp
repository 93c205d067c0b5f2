// Merging the results of runs made at the same time (from several machines).
#include <algorithm>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <vector>

#include <statefun/load/result.hpp>

namespace statefun::load {

namespace {

void merge_kinds(LoadResult& into, const LoadResult& from) {
  for (const KindResult& kind : from.kinds) {
    auto it = std::find_if(into.kinds.begin(), into.kinds.end(), [&](const KindResult& k) {
      return k.name == kind.name;
    });
    if (it == into.kinds.end()) {
      into.kinds.push_back(kind);
    } else {
      it->merge(kind);
    }
  }
  for (const FailureRecord& failure : from.failures) {
    auto it = std::find_if(into.failures.begin(), into.failures.end(), [&](const FailureRecord& f) {
      return f.name == failure.name && f.kind == failure.kind;
    });
    if (it == into.failures.end()) {
      into.failures.push_back(failure);
    } else {
      it->count += failure.count;
    }
  }
}

/// Adds up the points of the same second. Interval percentiles cannot be merged exactly
/// without the interval histograms, so the merged point keeps the highest of each.
std::vector<TimelinePoint> merge_timelines(const std::vector<LoadResult>& results) {
  std::map<std::int64_t, TimelinePoint> by_second;
  for (const LoadResult& r : results) {
    for (const TimelinePoint& p : r.timeline) {
      const std::int64_t second = (p.unix_ms + 500) / 1000;
      auto [it, fresh] = by_second.try_emplace(second, p);
      if (fresh) {
        continue;
      }
      TimelinePoint& m = it->second;
      m.users += p.users;
      m.requests += p.requests;
      m.failures += p.failures;
      m.seconds = std::max(m.seconds, p.seconds);
      for (std::size_t i = 0; i < m.percentiles.size(); ++i) {
        m.percentiles[i] = std::max(m.percentiles[i], p.percentiles[i]);
      }
      m.total_median = std::max(m.total_median, p.total_median);
      m.total_min = std::min(m.total_min, p.total_min);
      m.total_max = std::max(m.total_max, p.total_max);
    }
  }
  std::vector<TimelinePoint> merged;
  std::uint64_t requests = 0;
  std::uint64_t failures = 0;
  for (auto& [second, point] : by_second) {
    requests += point.requests;
    failures += point.failures;
    point.total_requests = requests;
    point.total_failures = failures;
    merged.push_back(point);
  }
  return merged;
}

/// Adds up what the runs drained from their egress topics (each run drains records the others
/// do not get), second by second since each run's start.
void merge_egress(LoadResult& into, const LoadResult& from) {
  if (!from.egress) {
    return;
  }
  if (!into.egress) {
    into.egress = EgressResult{from.egress->url, 0, 0, {}, 0, 0, {}};
  }
  EgressResult& e = *into.egress;
  if (e.url != from.egress->url) {
    e.url = "(several topics)";
  }
  e.records += from.egress->records;
  e.failures += from.egress->failures;
  if (e.failure.empty()) {
    e.failure = from.egress->failure;
  }
  e.seconds = std::max(e.seconds, from.egress->seconds);
  e.drained_s = std::max(e.drained_s, from.egress->drained_s);
  const std::vector<std::uint64_t>& seconds = from.egress->per_second;
  e.per_second.resize(std::max(e.per_second.size(), seconds.size()));
  for (std::size_t i = 0; i < seconds.size(); ++i) {
    e.per_second[i] += seconds[i];
  }
}

}  // namespace

LoadResult merge_results(const std::vector<LoadResult>& results) {
  if (results.empty()) {
    throw std::invalid_argument("nothing to merge");
  }
  LoadResult merged = results.front();
  merged.runs = 0;
  merged.kinds.clear();
  merged.failures.clear();
  merged.egress.reset();
  for (const LoadResult& r : results) {
    merged.runs += r.runs;
    merged.start_unix_ms = std::min(merged.start_unix_ms, r.start_unix_ms);
    merged.duration_s = std::max(merged.duration_s, r.duration_s);
    if (r.url != merged.url) {
      merged.url = "(several targets)";
    }
    merge_kinds(merged, r);
    merge_egress(merged, r);
  }
  merged.timeline = merge_timelines(results);
  return merged;
}

}  // namespace statefun::load
