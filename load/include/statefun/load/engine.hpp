// The load engine: runs a load test with a thread per core and returns what it measured.
#pragma once

#include <atomic>
#include <functional>
#include <stdexcept>
#include <vector>

#include <statefun/load/config.hpp>
#include <statefun/load/request_kind.hpp>
#include <statefun/load/result.hpp>

namespace statefun::load {

/// Called about once a second, from the calling thread, with the second that just ended.
using ProgressCallback = std::function<void(const TimelinePoint& second)>;

/// The target's host does not resolve: no request could be sent at all.
class UnresolvableTarget : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Runs a load test against `config.url` and returns its result once it ends (after its
/// duration, after its request count, or when `*stop` becomes true). Every answer is
/// validated; failures are counted, not thrown. Throws std::invalid_argument for an unusable
/// configuration (no kinds, unbounded, a URL that does not parse), UnresolvableTarget when
/// the URL's host does not resolve.
///
/// Example:
///   LoadConfig config;
///   config.url = "http://127.0.0.1:8000/statefun";
///   config.users = 20;
///   config.duration = std::chrono::seconds(10);
///   LoadResult result = run_load(config, {greet_kind});
LoadResult run_load(const LoadConfig& config,
                    const std::vector<RequestKind>& kinds,
                    const ProgressCallback& on_second = {},
                    const std::atomic<bool>* stop = nullptr);

}  // namespace statefun::load
