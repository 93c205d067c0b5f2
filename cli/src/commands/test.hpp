// sft test: run declarative YAML component and pipeline tests against function services.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include <statefun/cases/test_command.hpp>

namespace statefun::cli {

struct TestOptions {
  cases::TestCommandOptions run;  ///< files, --url, -k, -j, -q, --junit
  std::string timeout;            ///< --timeout as written, e.g. "5s"; empty: the file's
  std::string output = "text";    ///< --output: text or json
  std::vector<std::string> exec;  ///< --exec: services to start before the cases
  std::string exec_timeout;       ///< --exec-timeout as written; empty: 30s
};

/// Registers `sft test`; its exit code goes to `exit_code`.
void setup_test(CLI::App& app, int& exit_code);

/// Runs the test files: 0 all passed, 1 a case failed, 2 a bad file or option (with
/// file:line), 3 the service could not be reached at all.
int run_test(const TestOptions& options, std::ostream& out, std::ostream& err);

}  // namespace statefun::cli
