#include "commands/test.hpp"

#include <chrono>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "duration.hpp"
#include "exit_codes.hpp"
#include "service_processes.hpp"

namespace statefun::cli {

namespace {

/// --exec, --exec-timeout.
void add_exec_options(CLI::App& test, TestOptions& options) {
  test.add_option("--exec",
                  options.exec,
                  "Start a function service with /bin/sh -c CMD (repeatable); the cases wait "
                  "until every endpoint they call listens, the services are stopped at the end "
                  "and their output is shown when a case fails");
  test.add_option("--exec-timeout",
                  options.exec_timeout,
                  "How long to wait for the --exec services to listen (default 30s)");
}

}  // namespace

void setup_test(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<TestOptions>();
  CLI::App* test = app.add_subcommand(
      "test",
      "Run declarative YAML tests: component tests against a function service, pipeline tests "
      "through a module's functions (docs/testing.md)");
  test->add_option("FILE", options->run.paths, "Test files, or directories with *.test.yaml files")
      ->required();
  test->add_option("--url",
                   options->run.url,
                   "The function service; overrides the files' url (pipeline files: the URL of "
                   "every endpoint of their module)")
      ->envname("SFT_URL");
  test->add_option("-k",
                   options->run.filter,
                   "Run only the cases whose file::id matches, e.g. 'greet and not edge'");
  test->add_option("-j,--jobs", options->run.jobs, "Cases run at the same time")
      ->capture_default_str();
  test->add_option(
      "--timeout",
      options->timeout,
      "Time allowed per case unless the case sets one (default: the file's, else 10s)");
  test->add_flag("-q,--quiet", options->run.quiet, "A character per case instead of a line");
  test->add_option("--junit", options->run.junit_path, "Write a JUnit XML report to this file");
  test->add_option("-o,--output", options->output, "text (like pytest) or json (one document)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  add_exec_options(*test, *options);
  test->footer(
      "Exit codes: 0 all passed, 1 a case failed, 2 a bad file or option, 3 service unreachable.\n"
      "Examples:\n  sft test examples/greeter/greeter.test.yaml --url "
      "http://127.0.0.1:8000/statefun\n"
      "  sft test examples/greeter/pipeline.test.yaml   # runs module.yaml's endpoints\n"
      "  sft test examples/greeter/pipeline.test.yaml --exec 'build/dev/examples/greeter/"
      "greeter --port 8000'");
  test->callback([options, &exit_code] { exit_code = run_test(*options, std::cout, std::cerr); });
}

namespace {

/// The services of --exec, started; waited for before the cases (UsageError on a bad flag).
void start_services(const TestOptions& options,
                    ServiceProcesses& services,
                    cases::TestCommandOptions& run) {
  if (options.exec.empty()) {
    if (!options.exec_timeout.empty()) {
      throw UsageError("--exec-timeout needs --exec");
    }
    return;
  }
  const auto timeout = std::chrono::duration_cast<std::chrono::milliseconds>(parse_duration(
      options.exec_timeout.empty() ? "30s" : options.exec_timeout, "--exec-timeout"));
  for (const std::string& command : options.exec) {
    services.start(command);
  }
  run.before_cases = [&services, timeout](const std::vector<runtime::ServiceAddress>& addresses) {
    try {
      services.wait_until_listening(addresses, timeout);
    } catch (const UsageError& e) {
      throw cases::ServicesUnavailable(e.what());
    }
  };
}

}  // namespace

int run_test(const TestOptions& options, std::ostream& out, std::ostream& err) {
  cases::TestCommandOptions run = options.run;
  run.json_output = options.output == "json";
  ServiceProcesses services;
  try {
    if (!options.timeout.empty()) {
      run.timeout = std::chrono::duration_cast<std::chrono::milliseconds>(
          parse_duration(options.timeout, "--timeout"));
    }
    start_services(options, services, run);
  } catch (const UsageError& e) {
    err << "sft test: error: " << e.what() << "\n";
    return kExitUsage;
  }
  const auto status = static_cast<int>(cases::run_test_command(run, out, err));
  const std::vector<std::string> exited = services.exited();
  services.stop();
  for (const std::string& line : exited) {
    err << "sft test: " << line << " during the cases\n";
  }
  if (status == static_cast<int>(cases::TestStatus::failed) || !exited.empty()) {
    err << services.output_tails();
  }
  return status;
}

}  // namespace statefun::cli
