#include <algorithm>
#include <map>
#include <stdexcept>

#include <statefun/load/result.hpp>

namespace statefun::load {

using nlohmann::json;

std::string_view to_string(FailureKind kind) noexcept {
  switch (kind) {
    case FailureKind::connect:
      return "connect";
    case FailureKind::timeout:
      return "timeout";
    case FailureKind::transport:
      return "transport";
    case FailureKind::status:
      return "status";
    case FailureKind::content_type:
      return "content-type";
    case FailureKind::decode:
      return "decode";
    case FailureKind::expectation:
      return "expectation";
  }
  return "unknown";
}

namespace {

FailureKind failure_kind_from(const std::string& name) {
  for (int i = 0; i < kFailureKinds; ++i) {
    if (to_string(static_cast<FailureKind>(i)) == name) {
      return static_cast<FailureKind>(i);
    }
  }
  throw std::invalid_argument("unknown failure kind '" + name + "'");
}

json histogram_json(const Histogram& h) {
  json buckets = json::array();
  for (const auto& [index, count] : h.buckets()) {
    buckets.push_back({Histogram::lowest_of(index), count});
  }
  return {{"unit", "us"},
          {"count", h.count()},
          {"sum", h.sum()},
          {"min", h.min()},
          {"max", h.max()},
          {"buckets", buckets}};
}

Histogram histogram_from(const json& j) {
  Histogram h;
  for (const auto& bucket : j.at("buckets")) {
    h.add_bucket(Histogram::index_of(bucket.at(0).get<std::uint64_t>()),
                 bucket.at(1).get<std::uint64_t>());
  }
  h.set_summary(j.at("sum").get<std::uint64_t>(),
                j.at("min").get<std::uint64_t>(),
                j.at("max").get<std::uint64_t>());
  return h;
}

json point_json(const TimelinePoint& p) {
  return {{"unix_ms", p.unix_ms},
          {"seconds", p.seconds},
          {"users", p.users},
          {"requests", p.requests},
          {"failures", p.failures},
          {"percentiles_us", p.percentiles},
          {"total_requests", p.total_requests},
          {"total_failures", p.total_failures},
          {"total_median_us", p.total_median},
          {"total_min_us", p.total_min},
          {"total_max_us", p.total_max},
          {"total_mean_us", p.total_mean},
          {"total_content_size", p.total_content_size}};
}

TimelinePoint point_from(const json& j) {
  TimelinePoint p;
  p.unix_ms = j.at("unix_ms");
  p.seconds = j.at("seconds");
  p.users = j.at("users");
  p.requests = j.at("requests");
  p.failures = j.at("failures");
  p.percentiles = j.at("percentiles_us").get<decltype(p.percentiles)>();
  p.total_requests = j.at("total_requests");
  p.total_failures = j.at("total_failures");
  p.total_median = j.at("total_median_us");
  p.total_min = j.at("total_min_us");
  p.total_max = j.at("total_max_us");
  p.total_mean = j.at("total_mean_us");
  p.total_content_size = j.at("total_content_size");
  return p;
}

json egress_json(const EgressResult& e) {
  return {{"url", e.url},
          {"records", e.records},
          {"failures", e.failures},
          {"failure", e.failure},
          {"seconds", e.seconds},
          {"drained_s", e.drained_s},
          {"per_second", e.per_second}};
}

}  // namespace

void KindResult::merge(const KindResult& other) {
  requests += other.requests;
  failures += other.failures;
  content_bytes += other.content_bytes;
  latency.merge(other.latency);
}

KindResult LoadResult::total() const {
  KindResult total{"Aggregated", "", 0, 0, 0, {}};
  for (const KindResult& kind : kinds) {
    total.merge(kind);
  }
  return total;
}

double LoadResult::rps() const noexcept {
  std::uint64_t requests = 0;
  for (const KindResult& kind : kinds) {
    requests += kind.requests;
  }
  return duration_s <= 0 ? 0.0 : static_cast<double>(requests) / duration_s;
}

std::array<std::uint64_t, kFailureKinds> LoadResult::failures_by_kind() const {
  std::array<std::uint64_t, kFailureKinds> counts{};
  for (const FailureRecord& record : failures) {
    counts[static_cast<int>(record.kind)] += record.count;
  }
  return counts;
}

json to_json(const LoadResult& r) {
  json kinds = json::array();
  for (const KindResult& k : r.kinds) {
    kinds.push_back({{"name", k.name},
                     {"method", k.method},
                     {"requests", k.requests},
                     {"failures", k.failures},
                     {"content_bytes", k.content_bytes},
                     {"latency", histogram_json(k.latency)}});
  }
  json failures = json::array();
  for (const FailureRecord& f : r.failures) {
    failures.push_back({{"name", f.name},
                        {"kind", to_string(f.kind)},
                        {"count", f.count},
                        {"example", f.example}});
  }
  json timeline = json::array();
  for (const TimelinePoint& p : r.timeline) {
    timeline.push_back(point_json(p));
  }
  json out = {{"format", "sft-load-result/1"},
              {"url", r.url},
              {"model", r.model},
              {"start_unix_ms", r.start_unix_ms},
              {"duration_s", r.duration_s},
              {"runs", r.runs},
              {"config", r.config},
              {"kinds", kinds},
              {"failures", failures},
              {"timeline", timeline}};
  if (r.egress) {
    out["egress"] = egress_json(*r.egress);
  }
  return out;
}

LoadResult result_from_json(const json& j) {
  try {
    if (j.at("format") != "sft-load-result/1") {
      throw std::invalid_argument("not an sft load result (format " + j.at("format").dump() + ")");
    }
    LoadResult r;
    r.url = j.at("url");
    r.model = j.at("model");
    r.start_unix_ms = j.at("start_unix_ms");
    r.duration_s = j.at("duration_s");
    r.runs = j.value("runs", 1U);
    r.config = j.value("config", json::object());
    for (const auto& k : j.at("kinds")) {
      r.kinds.push_back({k.at("name"),
                         k.at("method"),
                         k.at("requests"),
                         k.at("failures"),
                         k.at("content_bytes"),
                         histogram_from(k.at("latency"))});
    }
    for (const auto& f : j.at("failures")) {
      r.failures.push_back(
          {f.at("name"), failure_kind_from(f.at("kind")), f.at("count"), f.at("example")});
    }
    for (const auto& p : j.at("timeline")) {
      r.timeline.push_back(point_from(p));
    }
    if (const auto egress = j.find("egress"); egress != j.end()) {
      r.egress = EgressResult{egress->at("url"),
                              egress->at("records"),
                              egress->at("failures"),
                              egress->at("failure"),
                              egress->at("seconds"),
                              egress->at("drained_s"),
                              egress->at("per_second")};
    }
    return r;
  } catch (const json::exception& e) {
    throw std::invalid_argument(std::string("not an sft load result: ") + e.what());
  }
}

}  // namespace statefun::load
