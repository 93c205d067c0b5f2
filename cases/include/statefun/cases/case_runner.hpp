// Running the cases of test files: component cases against a function service, pipeline cases
// through the local runtime; one case at a time or several concurrently, each within its
// timeout.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <statefun/cases/test_file.hpp>
#include <statefun/runtime/module.hpp>
#include <statefun/testkit/client.hpp>

namespace statefun::cases {

/// How one case went.
struct CaseResult {
  /// Skipped cases did not run (the case has `skip`).
  enum class Outcome { passed, failed, skipped };
  std::string file;  ///< the test file, as it was named
  std::string id;    ///< the case id, e.g. "greet[visits=3]"
  Outcome outcome = Outcome::passed;
  std::string message;  ///< failed: every failure with its diff; skipped: the reason
  std::string summary;  ///< failed: the first failure's first line
  std::chrono::microseconds duration{0};
  bool unreachable = false;  ///< failed because the service could not be connected to
  SourceLocation where;      ///< where the case is written
};

/// Makes the client for one request, which must answer within `timeout`.
using ClientFactory = std::function<std::unique_ptr<testkit::Client>(
    const std::string& url, std::chrono::milliseconds timeout)>;

/// An HttpClient for each request, connecting within min(timeout, 5 s).
ClientFactory http_client_factory();

/// Runs one case against `url`. Its steps run in order through one runtime-like Session (the
/// state changes of one step are the state of the next; missing state is resolved as the
/// runtime does), except a step that expects a missing-state answer, which is sent as it is.
/// The case fails at its first failing step, or when it takes longer than `timeout` in all.
/// Never throws.
///
/// Example:
///   CaseResult r = run_case(file.cases[0], "http://127.0.0.1:8000/statefun",
///                           std::chrono::seconds(10), factory);
CaseResult run_case(const TestCase& test_case,
                    const std::string& url,
                    std::chrono::milliseconds timeout,
                    const ClientFactory& factory);

/// How a pipeline case's run keeps time: simulated (delays and TTLs take no real time) unless
/// `real_time`.
struct PipelineClock {
  bool real_time = false;
};

/// Runs one pipeline case: a fresh local runtime over `module` (statefun::runtime, calling the
/// module's endpoints over HTTP as a Flink Statefun cluster does), the case's messages sent in
/// order, until nothing is left to do; then checks how it ended, its egress records, the
/// messages between functions and the final state. The run fails when it takes longer than
/// `timeout` of real time. Never throws.
///
/// Example:
///   CaseResult r = run_pipeline_case(file.pipeline_cases[0], runtime::read_module("module.yaml"),
///                                    std::chrono::seconds(10), PipelineClock{});
CaseResult run_pipeline_case(const PipelineCase& test_case,
                             const runtime::Module& module,
                             std::chrono::milliseconds timeout,
                             PipelineClock clock);

/// One case to run, with where and how long: a component case (`test_case`, against `url`) or
/// a pipeline case (`pipeline_case`, through `module`; `url` then names its first endpoint).
struct CaseJob {
  const TestCase* test_case = nullptr;
  std::string file;
  std::string url;
  std::chrono::milliseconds timeout{10'000};
  const PipelineCase* pipeline_case = nullptr;
  const runtime::Module* module = nullptr;
  PipelineClock clock{};
};

/// Runs every job on up to `concurrency` threads. `on_result` sees each result in the order of
/// `jobs`, as soon as it and those before it are done, one call at a time. Returns the results
/// in the order of `jobs`.
std::vector<CaseResult> run_cases(const std::vector<CaseJob>& jobs,
                                  int concurrency,
                                  const ClientFactory& factory,
                                  const std::function<void(const CaseResult&)>& on_result = {});

}  // namespace statefun::cases
