// Running many cases on a few threads, reporting them in file order.
#include <algorithm>
#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include <statefun/cases/case_runner.hpp>

namespace statefun::cases {

namespace {

/// Hands results to the callback in job order, as soon as each prefix is complete.
class OrderedReporter {
 public:
  OrderedReporter(std::size_t count, const std::function<void(const CaseResult&)>& on_result)
      : results_(count), on_result_(on_result) {}

  void done(std::size_t index, CaseResult result) {
    const std::lock_guard lock(mutex_);
    results_[index] = std::move(result);
    while (next_ < results_.size() && results_[next_]) {
      if (on_result_) {
        on_result_(*results_[next_]);
      }
      ++next_;
    }
  }

  std::vector<CaseResult> take() {
    std::vector<CaseResult> out;
    for (auto& result : results_) {
      out.push_back(std::move(*result));
    }
    return out;
  }

 private:
  std::mutex mutex_;
  std::vector<std::optional<CaseResult>> results_;
  std::size_t next_ = 0;
  const std::function<void(const CaseResult&)>& on_result_;
};

}  // namespace

std::vector<CaseResult> run_cases(const std::vector<CaseJob>& jobs,
                                  int concurrency,
                                  const ClientFactory& factory,
                                  const std::function<void(const CaseResult&)>& on_result) {
  OrderedReporter reporter(jobs.size(), on_result);
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t i = next++; i < jobs.size(); i = next++) {
      const CaseJob& job = jobs[i];
      CaseResult result =
          job.pipeline_case != nullptr
              ? run_pipeline_case(*job.pipeline_case, *job.module, job.timeout, job.clock)
              : run_case(*job.test_case, job.url, job.timeout, factory);
      result.file = job.file;
      reporter.done(i, std::move(result));
    }
  };
  const std::size_t threads =
      std::min(jobs.size(), static_cast<std::size_t>(std::max(concurrency, 1)));
  {
    std::vector<std::jthread> workers;
    for (std::size_t t = 1; t < threads; ++t) {
      workers.emplace_back(work);
    }
    work();  // the calling thread works too
  }
  return reporter.take();
}

}  // namespace statefun::cases
