#include "worker.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

#include <boost/asio/post.hpp>

#include "driver.hpp"

namespace statefun::load {

namespace {

constexpr auto kTick = std::chrono::milliseconds(100);
constexpr int kTicksPerSecond = 10;
constexpr auto kGrace = std::chrono::seconds(2);  // for answers in flight at the end

}  // namespace

WorkerTools::WorkerTools(const RunPlan& plan, unsigned index)
    : encoder(plan.host, plan.target),
      random(plan.seed * 0x9E3779B97F4A7C15ULL + index + 1),
      state(plan.kinds.size()) {}

Worker::Worker(RunPlan& plan, unsigned index, unsigned threads)
    : plan_(plan),
      threads_(threads),
      // One thread does everything: no locking; but in simulated time a test's thread posts
      // the checks that follow its moves of the clock.
      io_(plan.simulated ? BOOST_ASIO_CONCURRENCY_HINT_DEFAULT
                         : BOOST_ASIO_CONCURRENCY_HINT_UNSAFE),
      scheduler_(io_, plan.clock),
      tools_(plan, index),
      sequence_(static_cast<std::uint64_t>(index) - threads) {
  for (const RequestKind& kind : plan.kinds) {
    kinds_.push_back({kind.name, request_method(plan.config), 0, 0, 0, {}});
    for (int f = 0; f < kFailureKinds; ++f) {
      failures_.push_back({kind.name, static_cast<FailureKind>(f), 0, {}});
    }
  }
  for (unsigned i = index; i < plan.connections; i += threads) {
    drivers_.push_back(std::make_unique<Driver>(*this, i));
  }
  interval_.second = 1;
  plan_.clock.add_jump_listener(*this);
}

Worker::~Worker() {
  plan_.clock.remove_jump_listener(*this);
}

void Worker::run() {
  for (auto& driver : drivers_) {
    driver->start();
  }
  wake_at(*this, plan_.start + kTick);
  if (plan_.simulated) {
    run_simulated();
    return;
  }
  io_.run();
}

void Worker::run_simulated() {
  ManualClock& clock = *plan_.config.simulated_clock;
  while (!finished_) {
    io_.restart();
    io_.poll();  // what is ready now: answers, connections, posted checks
    if (finished_) {
      return;
    }
    if (any_busy()) {
      io_.restart();
      io_.run_one();  // an exchange is in flight: time stands still until it ends
      continue;
    }
    const std::optional<Clock::time_point> due = scheduler_.next_due();
    if (!due) {
      return;
    }
    if (*due > clock.now()) {
      clock.set(*due);  // nothing in flight: time goes to the next wake-up
    }
    scheduler_.run_due();
  }
}

bool Worker::any_busy() const {
  return std::any_of(drivers_.begin(), drivers_.end(), [](const auto& c) { return c->busy(); });
}

void Worker::wake_at(Scheduler::Sleeper& sleeper, Clock::time_point when) {
  scheduler_.wake_at(sleeper, when);
  if (!plan_.simulated) {
    scheduler_.arm();
  }
}

int Worker::pick_kind() noexcept {
  const auto& weights = plan_.cumulative_weights;
  if (weights.size() == 1) {
    return 0;
  }
  const auto point = static_cast<unsigned>(tools_.random.next() % weights.back());
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

void Worker::on_jump() {
  boost::asio::post(io_, [this] { check_timeouts(plan_.now()); });
}

void Worker::check_timeouts(Clock::time_point now) {
  for (auto& driver : drivers_) {
    driver->check_timeout(now);
  }
}

void Worker::wake() {
  ++ticks_;
  const auto now = plan_.now();
  check_timeouts(now);
  if (ticks_ % kTicksPerSecond == 0) {
    publish(ticks_ / kTicksPerSecond + 1);
  }
  const bool stopped = plan_.stop != nullptr && plan_.stop->load(std::memory_order_relaxed);
  const bool exhausted =
      plan_.config.requests > 0 && plan_.remaining.load(std::memory_order_relaxed) <= 0;
  ending_ = ending_ || stopped || exhausted || now >= plan_.deadline;
  if (ending_) {
    const bool grace_over =
        plan_.deadline != Clock::time_point::max() && now >= plan_.deadline + kGrace;
    if (!any_busy() || stopped || grace_over) {
      finish();
      return;
    }
  }
  wake_at(*this, plan_.start + (ticks_ + 1) * kTick);
}

void Worker::publish(int next_second) {
  std::lock_guard lock(published_mutex_);
  published_.push_back(interval_);
  interval_.latency.reset();
  interval_.requests = interval_.failures = interval_.content_bytes = 0;
  interval_.second = next_second;
}

void Worker::finish() {
  finished_ = true;
  for (auto& driver : drivers_) {
    driver->shutdown();
  }
  publish(interval_.second + 1);
  scheduler_.stop();
  io_.stop();
}

std::vector<IntervalStats> Worker::take_published() {
  std::lock_guard lock(published_mutex_);
  std::vector<IntervalStats> result;
  result.swap(published_);
  return result;
}

}  // namespace statefun::load
