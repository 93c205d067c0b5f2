#include "worker.hpp"

#include <algorithm>

#include "connection.hpp"

namespace statefun::load {

namespace {

constexpr auto kTick = std::chrono::milliseconds(100);
constexpr int kTicksPerSecond = 10;
constexpr auto kGrace = std::chrono::seconds(2);  // for answers in flight at the end

}  // namespace

Worker::Worker(RunPlan& plan, unsigned index, unsigned threads)
    : plan_(plan),
      threads_(threads),
      io_(BOOST_ASIO_CONCURRENCY_HINT_UNSAFE),  // one thread does everything: no locking
      tick_(io_),
      encoder_(plan.host, plan.target),
      random_(plan.seed * 0x9E3779B97F4A7C15ULL + index + 1),
      state_(plan.kinds.size()),
      sequence_(static_cast<std::uint64_t>(index) - threads) {
  for (const RequestKind& kind : plan.kinds) {
    kinds_.push_back({kind.name, "POST", 0, 0, 0, {}});
    for (int f = 0; f < kFailureKinds; ++f) {
      failures_.push_back({kind.name, static_cast<FailureKind>(f), 0, {}});
    }
  }
  for (unsigned i = index; i < plan.connections; i += threads) {
    connections_.push_back(std::make_unique<Connection>(*this, i));
  }
  interval_.second = 1;
}

Worker::~Worker() = default;

void Worker::run() {
  for (auto& connection : connections_) {
    connection->start();
  }
  schedule_tick();
  io_.run();
}

int Worker::pick_kind() noexcept {
  const auto& weights = plan_.cumulative_weights;
  if (weights.size() == 1) {
    return 0;
  }
  const auto point = static_cast<unsigned>(random_.next() % weights.back());
  return static_cast<int>(std::upper_bound(weights.begin(), weights.end(), point) -
                          weights.begin());
}

void Worker::record(int kind, std::uint64_t micros, std::size_t content_bytes) noexcept {
  KindResult& k = kinds_[kind];
  ++k.requests;
  k.content_bytes += content_bytes;
  k.latency.record(micros);
  ++interval_.requests;
  interval_.content_bytes += content_bytes;
  interval_.latency.record(micros);
}

void Worker::record_failure(int kind,
                            FailureKind failure,
                            std::uint64_t micros,
                            std::string_view message) {
  record(kind, micros, 0);
  ++kinds_[kind].failures;
  ++interval_.failures;
  FailureRecord& record = failures_[kind * kFailureKinds + static_cast<int>(failure)];
  if (record.count++ == 0) {
    record.example = message;
  }
}

void Worker::schedule_tick() {
  ++ticks_;
  tick_.expires_at(plan_.start + ticks_ * kTick);
  tick_.async_wait([this](const boost::system::error_code& ec) {
    if (!ec) {
      on_tick();
    }
  });
}

void Worker::on_tick() {
  const auto now = Clock::now();
  for (auto& connection : connections_) {
    connection->check_timeout(now);
  }
  if (ticks_ % kTicksPerSecond == 0) {
    publish(ticks_ / kTicksPerSecond + 1);
  }
  const bool stopped = plan_.stop != nullptr && plan_.stop->load(std::memory_order_relaxed);
  const bool exhausted =
      plan_.config.requests > 0 && plan_.remaining.load(std::memory_order_relaxed) <= 0;
  ending_ = ending_ || stopped || exhausted || now >= plan_.deadline;
  if (ending_) {
    const bool busy = std::any_of(
        connections_.begin(), connections_.end(), [](const auto& c) { return c->busy(); });
    const bool grace_over =
        plan_.deadline != Clock::time_point::max() && now >= plan_.deadline + kGrace;
    if (!busy || stopped || grace_over) {
      finish();
      return;
    }
  }
  schedule_tick();
}

void Worker::publish(int next_second) {
  std::lock_guard lock(published_mutex_);
  published_.push_back(interval_);
  interval_.latency.reset();
  interval_.requests = interval_.failures = interval_.content_bytes = 0;
  interval_.second = next_second;
}

void Worker::finish() {
  for (auto& connection : connections_) {
    connection->shutdown();
  }
  publish(interval_.second + 1);
  io_.stop();
}

std::vector<IntervalStats> Worker::take_published() {
  std::lock_guard lock(published_mutex_);
  std::vector<IntervalStats> result;
  result.swap(published_);
  return result;
}

}  // namespace statefun::load
