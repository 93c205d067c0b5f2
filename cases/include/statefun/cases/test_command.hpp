// The engine behind `sft test`: read test files, select cases, run them, report.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <statefun/cases/case_filter.hpp>
#include <statefun/cases/case_runner.hpp>
#include <statefun/runtime/module.hpp>

namespace statefun::cases {

/// What `sft test` was asked to do.
struct TestCommandOptions {
  /// Test files, or directories searched for *.test.yaml, *.test.yml and *.test.json.
  std::vector<std::string> paths;
  std::string url;     ///< overrides every file's url when not empty (--url or SFT_URL)
  std::string filter;  ///< a -k expression; empty selects every case
  int jobs = 1;        ///< cases run at the same time
  /// The per-case timeout of cases that do not set one; otherwise the file's, else 10 s.
  std::optional<std::chrono::milliseconds> timeout;
  bool quiet = false;        ///< a character per case instead of a line
  std::string junit_path;    ///< where to write JUnit XML, when not empty
  bool json_output = false;  ///< the results as one JSON document instead of the console report
  /// Called once the cases are chosen, before the first runs, with where the services they call
  /// listen (each host and port once, in order): `sft test --exec` waits there for the services
  /// it started. A ServicesUnavailable it throws ends the run as unreachable, its message shown.
  std::function<void(const std::vector<runtime::ServiceAddress>&)> before_cases{};
};

/// The services the cases call did not come up (thrown by TestCommandOptions::before_cases).
class ServicesUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// How a run ended; the values are sft's exit codes.
enum class TestStatus {
  passed = 0,       ///< every selected case passed or was skipped
  failed = 1,       ///< a case failed
  bad_input = 2,    ///< a file or an option is not usable (the message names file:line)
  unreachable = 3,  ///< every case that ran failed because the service could not be reached
};

/// Runs `sft test`: the report goes to `out`, problems with files and options to `err`.
///
/// Example:
///   TestCommandOptions options;
///   options.paths = {"examples/greeter/greeter.test.yaml"};
///   options.url = "http://127.0.0.1:8000/statefun";
///   TestStatus status = run_test_command(options, std::cout, std::cerr);
TestStatus run_test_command(const TestCommandOptions& options,
                            std::ostream& out,
                            std::ostream& err,
                            const ClientFactory& factory = http_client_factory());

}  // namespace statefun::cases
