#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <statefun/http/url.hpp>
#include <statefun/load/engine.hpp>
#include <statefun/server.hpp>

#include "egress_drain.hpp"
#include "timeline.hpp"
#include "worker.hpp"

#include <sys/resource.h>

namespace statefun::load {

namespace {

void check_config(const LoadConfig& config, const std::vector<RequestKind>& kinds) {
  if (kinds.empty()) {
    throw std::invalid_argument("no request kind to send");
  }
  if (planned_duration(config).count() <= 0 && config.requests == 0) {
    throw std::invalid_argument("unbounded run: give a duration, a request count or stages");
  }
  if (is_open_model(config) && config.connections == 0) {
    throw std::invalid_argument("the open model needs at least one connection");
  }
  if (!is_open_model(config) && config.users == 0 && config.connections == 0 &&
      config.stages.empty()) {
    throw std::invalid_argument("the closed model needs at least one user");
  }
  for (const RequestKind& kind : kinds) {
    if (kind.weight == 0) {
      throw std::invalid_argument("request kind '" + kind.name + "' has weight 0");
    }
    if (config.target == LoadConfig::Target::playground_ingress &&
        (kind.arguments.size() != 1 || !kind.state.empty() || kind.caller || kind.resolve_state)) {
      throw std::invalid_argument("request kind '" + kind.name +
                                  "': a playground ingress takes one message per request, "
                                  "without state or a caller");
    }
  }
  if (!config.egress_url.empty() && config.simulated_clock != nullptr) {
    throw std::invalid_argument("an egress is drained in real time only");
  }
}

unsigned closed_users(const LoadConfig& config) {
  double most = config.users != 0 ? config.users : config.connections;
  for (const Stage& stage : config.stages) {
    most = std::max(most, stage.target);
  }
  return static_cast<unsigned>(std::ceil(most));
}

boost::asio::ip::tcp::endpoint resolve(const http::Url& url) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::resolver resolver(io);
  boost::system::error_code ec;
  const auto results = resolver.resolve(url.host, std::to_string(url.port), ec);
  if (ec || results.empty()) {
    throw UnresolvableTarget("cannot resolve '" + url.host + "': " + ec.message());
  }
  return results.begin()->endpoint();
}

/// Descriptors a run needs besides its connections: standard streams, epoll, eventfds and
/// timers of each worker, report files.
constexpr rlim_t kSpareDescriptors = 64;

/// Refuses a plan whose connections do not fit this process's descriptor limit, rather than
/// failing most of its requests with "Too many open files".
void check_descriptors(unsigned connections) {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) {
    return;
  }
  if (connections + kSpareDescriptors > limit.rlim_cur) {
    throw std::invalid_argument(
        std::to_string(connections) + " connections do not fit this process's limit of " +
        std::to_string(limit.rlim_cur) + " open files (ulimit -n; " +
        std::to_string(kSpareDescriptors) + " are kept for the rest): use fewer or raise it");
  }
}

void prepare(RunPlan& plan, const http::Url& url) {
  const LoadConfig& config = plan.config;
  unsigned total = 0;
  for (const RequestKind& kind : plan.kinds) {
    plan.cumulative_weights.push_back(total += kind.weight);
  }
  plan.endpoint = resolve(url);
  plan.host = url.authority();
  plan.target = url.target;
  plan.open_model = is_open_model(config);
  plan.connections = plan.open_model ? config.connections : closed_users(config);
  check_descriptors(plan.connections);
  plan.remaining = static_cast<std::int64_t>(config.requests);
  plan.seed =
      config.seed != 0
          ? config.seed
          : static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  plan.start = plan.now() + std::chrono::milliseconds(20);
  const Micros duration = planned_duration(config);
  if (duration.count() > 0) {
    plan.deadline = plan.start + duration;
  }
}

/// Runs every worker on a thread of its own; reports each second as it ends.
void run_threads(const RunPlan& plan,
                 const std::vector<std::unique_ptr<Worker>>& workers,
                 TimelineBuilder& timeline,
                 const ProgressCallback& on_second) {
  std::mutex mutex;
  std::condition_variable done_cv;
  std::size_t done = 0;
  std::vector<std::thread> running;
  running.reserve(workers.size());
  for (const auto& worker : workers) {
    running.emplace_back([&, w = worker.get()] {
      w->run();
      std::lock_guard lock(mutex);
      ++done;
      done_cv.notify_all();
    });
  }
  for (int second = 1;; ++second) {
    std::unique_lock lock(mutex);
    const auto wake = plan.start + std::chrono::seconds(second) + std::chrono::milliseconds(30);
    if (done_cv.wait_until(lock, wake, [&] { return done == workers.size(); })) {
      break;
    }
    lock.unlock();
    timeline.collect(second, on_second);
  }
  for (auto& thread : running) {
    thread.join();
  }
}

}  // namespace

LoadResult run_load(const LoadConfig& config,
                    const std::vector<RequestKind>& kinds,
                    const ProgressCallback& on_second,
                    const std::atomic<bool>* stop) {
  check_config(config, kinds);
  const http::Url url = http::Url::parse(config.url);  // throws std::invalid_argument
  const bool simulated = config.simulated_clock != nullptr;
  RunPlan plan(config, kinds, simulated ? *config.simulated_clock : *Clock::steady());
  plan.simulated = simulated;
  plan.stop = stop;
  prepare(plan, url);
  const unsigned wanted = simulated ? 1 : config.threads != 0 ? config.threads : usable_cpus();
  const unsigned threads = std::max(1U, std::min(wanted, std::max(1U, plan.connections)));
  std::vector<std::unique_ptr<Worker>> workers;
  for (unsigned i = 0; i < threads; ++i) {
    workers.push_back(std::make_unique<Worker>(plan, i, threads));
  }
  TimelineBuilder timeline(plan, workers);
  std::optional<EgressDrain> drain;
  if (!config.egress_url.empty()) {
    drain.emplace(config.egress_url, plan.clock, plan.start);
  }
  if (simulated) {
    workers.front()->run();  // on this thread: time moves as the worker says
  } else {
    run_threads(plan, workers, timeline, on_second);
  }
  LoadResult result = timeline.finish();
  if (drain) {
    result.egress = drain->finish(plan.now());
  }
  return result;
}

}  // namespace statefun::load
