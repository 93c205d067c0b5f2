// sft test: files -> cases (component cases, or pipeline cases with their module) -> runs ->
// report.
#include <algorithm>
#include <deque>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include <statefun/cases/junit.hpp>
#include <statefun/cases/test_command.hpp>
#include <statefun/cases/test_report.hpp>
#include <statefun/error.hpp>
#include <statefun/http/url.hpp>
#include <statefun/runtime/module.hpp>
#include <statefun/testkit/http_client.hpp>

namespace statefun::cases {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

/// A problem with the files or the options: printed, then exit status 2.
struct BadInput : std::runtime_error {
  using std::runtime_error::runtime_error;
};

bool is_test_file(const fs::path& path) {
  const std::string name = path.filename().string();
  return name.ends_with(".test.yaml") || name.ends_with(".test.yml") ||
         name.ends_with(".test.json");
}

std::vector<std::string> expand_paths(const std::vector<std::string>& paths) {
  if (paths.empty()) {
    throw BadInput("no test file given");
  }
  std::vector<std::string> files;
  for (const auto& path : paths) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
      files.push_back(path);  // a missing file is reported when it is read
      continue;
    }
    std::vector<std::string> found;
    for (const auto& entry : fs::recursive_directory_iterator(path, ec)) {
      if (entry.is_regular_file() && is_test_file(entry.path())) {
        found.push_back(entry.path().string());
      }
    }
    if (found.empty()) {
      throw BadInput(path + ": no *.test.yaml, *.test.yml or *.test.json file in this directory");
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

std::vector<TestFile> load_files(const std::vector<std::string>& paths, std::ostream& err) {
  std::vector<TestFile> files;
  bool ok = true;
  for (const auto& path : paths) {
    try {
      files.push_back(load_test_file(path));
    } catch (const TestFileError& e) {
      err << "sft test: error: " << e.what() << "\n";
      ok = false;
    }
  }
  if (!ok) {
    throw BadInput("");  // already reported, one line per file
  }
  return files;
}

std::string url_for(const TestFile& file, const TestCommandOptions& options) {
  if (!options.url.empty()) {
    return options.url;
  }
  if (!file.url) {
    throw BadInput(file.path +
                   ": no url to test: write 'url:' in the file, or pass --url or SFT_URL");
  }
  return *file.url;
}

/// A pipeline file's module, read from the file's folder, every endpoint at `--url` when given.
runtime::Module module_for(const TestFile& file, const TestCommandOptions& options) {
  const fs::path path = fs::path(file.path).parent_path() / *file.module;
  runtime::Module module;
  try {
    module = runtime::read_module(path.string());
  } catch (const runtime::ModuleError& e) {
    throw BadInput(std::string(e.what()) + " (the module of " + file.path + ")");
  }
  if (module.endpoints.empty()) {
    throw BadInput(file.module_where.str() + ": module " + path.string() +
                   " declares no endpoint: there is no function to test");
  }
  for (runtime::Endpoint& endpoint : module.endpoints) {
    if (!options.url.empty()) {
      endpoint.url_path_template = options.url;
    }
  }
  return module;
}

/// A case's timeout: its own, else --timeout, else the file's, else 10 s.
std::chrono::milliseconds timeout_of(const TestFile& file,
                                     const std::optional<std::chrono::milliseconds>& own,
                                     const TestCommandOptions& options) {
  return own.value_or(options.timeout.value_or(file.timeout.value_or(std::chrono::seconds(10))));
}

/// A job per selected pipeline case of `file`, run through `module`.
void add_pipeline_jobs(const TestFile& file,
                       const runtime::Module& module,
                       const CaseFilter& filter,
                       const TestCommandOptions& options,
                       std::vector<CaseJob>& jobs,
                       std::size_t& deselected) {
  for (const auto& c : file.pipeline_cases) {
    if (!filter.matches(file.path + "::" + c.id)) {
      ++deselected;
      continue;
    }
    jobs.push_back({.file = file.path,
                    .url = module.endpoints.front().url_path_template,
                    .timeout = timeout_of(file, c.timeout, options),
                    .pipeline_case = &c,
                    .module = &module,
                    .clock = {file.real_time}});
  }
}

std::vector<CaseJob> plan(const std::vector<TestFile>& files,
                          const TestCommandOptions& options,
                          std::deque<runtime::Module>& modules,
                          std::size_t& deselected) {
  CaseFilter filter;
  try {
    filter = CaseFilter::parse(options.filter);
  } catch (const std::invalid_argument& e) {
    throw BadInput("-k '" + options.filter + "': " + e.what());
  }
  std::vector<CaseJob> jobs;
  deselected = 0;
  for (const auto& file : files) {
    if (file.module) {
      add_pipeline_jobs(
          file, modules.emplace_back(module_for(file, options)), filter, options, jobs, deselected);
      continue;
    }
    const std::string url = url_for(file, options);
    for (const auto& c : file.cases) {
      if (!filter.matches(file.path + "::" + c.id)) {
        ++deselected;
        continue;
      }
      jobs.push_back({.test_case = &c,
                      .file = file.path,
                      .url = url,
                      .timeout = timeout_of(file, c.timeout, options)});
    }
  }
  if (jobs.empty()) {
    throw BadInput("-k '" + options.filter + "' selects none of the " + std::to_string(deselected) +
                   " cases");
  }
  return jobs;
}

void check_options(const TestCommandOptions& options) {
  if (options.jobs < 1) {
    throw BadInput("-j must be at least 1");
  }
  if (options.timeout && options.timeout->count() <= 0) {
    throw BadInput("--timeout must be more than 0");
  }
  if (!options.url.empty()) {
    try {
      http::Url::parse(options.url);
    } catch (const std::invalid_argument& e) {
      throw BadInput(std::string("--url: ") + e.what());
    }
  }
}

/// Where the services the jobs call listen, each host and port once, in order.
std::vector<runtime::ServiceAddress> services_of(const std::vector<CaseJob>& jobs) {
  std::vector<runtime::ServiceAddress> addresses;
  const auto add = [&](const runtime::ServiceAddress& address) {
    if (std::none_of(addresses.begin(), addresses.end(), [&](const runtime::ServiceAddress& a) {
          return a.host == address.host && a.port == address.port;
        })) {
      addresses.push_back(address);
    }
  };
  for (const CaseJob& job : jobs) {
    if (job.module != nullptr) {
      for (const runtime::ServiceAddress& address : job.module->service_addresses()) {
        add(address);
      }
      continue;
    }
    try {
      const http::Url url = http::Url::parse(job.url);
      add({url.host, url.port});
    } catch (const std::invalid_argument&) {
      // the case reports its URL when it runs
    }
  }
  return addresses;
}

/// The --junit file, opened before the cases run (an unwritable path is a bad input); closed
/// when there is none.
std::ofstream open_junit(const TestCommandOptions& options) {
  std::ofstream junit;
  if (!options.junit_path.empty()) {
    junit.open(options.junit_path, std::ios::binary | std::ios::trunc);
    if (!junit) {
      throw BadInput("--junit " + options.junit_path + ": cannot write this file");
    }
  }
  return junit;
}

TestStatus final_status(const std::vector<CaseResult>& results,
                        const std::vector<CaseJob>& jobs,
                        std::ostream& err) {
  const RunTotals totals = count_results(results);
  if (totals.failed == 0) {
    return TestStatus::passed;
  }
  const bool all_unreachable =
      totals.passed == 0 && std::all_of(results.begin(), results.end(), [](const CaseResult& r) {
        return r.outcome != CaseResult::Outcome::failed || r.unreachable;
      });
  if (all_unreachable) {
    err << "sft test: cannot reach " << jobs.front().url << " (no case could connect)\n";
    return TestStatus::unreachable;
  }
  return TestStatus::failed;
}

}  // namespace

TestStatus run_test_command(const TestCommandOptions& options,
                            std::ostream& out,
                            std::ostream& err,
                            const ClientFactory& factory) {
  const auto start = Clock::now();
  try {
    check_options(options);
    const std::vector<TestFile> files = load_files(expand_paths(options.paths), err);
    std::size_t deselected = 0;
    std::deque<runtime::Module> modules;  // what the pipeline cases' jobs run
    const std::vector<CaseJob> jobs = plan(files, options, modules, deselected);
    std::ofstream junit = open_junit(options);
    if (options.before_cases && !jobs.empty()) {
      options.before_cases(services_of(jobs));
    }
    std::ostringstream discarded;  // --output json: the console report goes nowhere
    ConsoleReport report(options.json_output ? discarded : out, options.quiet);
    report.start(jobs.size(), deselected, files.size());
    const auto results =
        run_cases(jobs, options.jobs, factory, [&](const CaseResult& r) { report.case_done(r); });
    const std::chrono::duration<double> elapsed = Clock::now() - start;
    report.finish(results, deselected, elapsed);
    if (options.json_output) {
      out << results_to_json(results, deselected, elapsed).dump(2) << "\n";
    }
    if (junit.is_open()) {
      write_junit(junit, results, elapsed);
    }
    return final_status(results, jobs, err);
  } catch (const BadInput& e) {
    if (*e.what() != '\0') {
      err << "sft test: error: " << e.what() << "\n";
    }
    return TestStatus::bad_input;
  } catch (const ServicesUnavailable& e) {
    err << "sft test: " << e.what() << "\n";
    return TestStatus::unreachable;
  }
}

}  // namespace statefun::cases
