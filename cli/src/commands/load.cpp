#include "commands/load.hpp"

#include <atomic>
#include <csignal>
#include <exception>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <statefun/load/check.hpp>
#include <statefun/load/engine.hpp>
#include <statefun/load/report.hpp>
#include <statefun/load/scenario.hpp>
#include <statefun/load/target.hpp>

#include "byte_size.hpp"
#include "duration.hpp"
#include "exit_codes.hpp"
#include "output.hpp"
#include "positive_number.hpp"

#include <sys/resource.h>
#include <unistd.h>

namespace statefun::cli {

namespace {

constexpr unsigned kDefaultUsers = 10;
constexpr unsigned kDefaultOpenConnections = 32;
constexpr const char* kLoadFooter =

    "Templates in the ADDRESS id and values: {{randint 1 3}} {{choice a b c}} {{seq}} {{uuid}} "
    "{{randstr 8}}\n"
    "Example:\n  sft load http://127.0.0.1:8000/statefun example/greeter/George --type "
    "example/GreetRequest \\\n"
    "      --json '{\"name\":\"George\",\"visits\":{{randint 1 3}}}' --users 20 --wait "
    "10ms..100ms --duration 30s\n"
    "A whole pipeline through sft run's (or the playground's) ingress, its egress counted:\n"
    "  sft load http://127.0.0.1:8090 'example/person/P{{seq}}' --type example/GreetRequest "
    "\\\n      --json '{\"name\":\"P{{seq}}\"}' --ingress --egress "
    "http://127.0.0.1:8091/greetings --rate 5000 --duration 10s\n"
    "Exit status: 0 done; 1 a request failed (with --check: a check failed); 2 bad options; 3 no "
    "connection could be made";

std::atomic<bool> g_interrupted{false};

extern "C" void on_interrupt(int /*signal*/) {
  g_interrupted = true;
}

void parse_wait(const std::string& text, load::LoadConfig& config) {
  if (text.empty()) {
    return;
  }
  const auto dots = text.find("..");
  config.wait_min = parse_duration(text.substr(0, dots), "--wait");
  config.wait_max =
      dots == std::string::npos ? config.wait_min : parse_duration(text.substr(dots + 2), "--wait");
  if (config.wait_max < config.wait_min) {
    throw UsageError("--wait '" + text + "': the first duration must not exceed the second");
  }
}

load::LoadConfig make_config(const LoadOptions& o, const load::Scenario& scenario) {
  load::LoadConfig config;
  config.url = o.url.empty() ? scenario.url : o.url;
  if (config.url.empty()) {
    throw UsageError("no URL: give the function service, e.g. http://127.0.0.1:8000/statefun");
  }
  config.rate = o.rate;
  config.stages = scenario.stages;
  config.stage_rates = scenario.stage_rates;
  if (o.rate > 0 && (o.users > 0 || !o.wait.empty() || o.spawn_rate > 0)) {
    throw UsageError(
        "--rate (open model) does not go with --users, --wait or --spawn-rate (closed model)");
  }
  if (o.rate > 0 && !scenario.stages.empty()) {
    throw UsageError("--rate does not go with the scenario's stages");
  }
  const bool open = load::is_open_model(config);
  config.users =
      open ? 0 : (o.users != 0 ? o.users : (o.connections != 0 ? o.connections : kDefaultUsers));
  config.connections =
      open ? (o.connections != 0 ? o.connections : kDefaultOpenConnections) : config.users;
  parse_wait(o.wait, config);
  config.spawn_rate = o.spawn_rate;
  config.duration = o.duration.empty() ? load::Micros(0) : parse_duration(o.duration, "--duration");
  config.requests = o.requests;
  if (load::planned_duration(config).count() == 0 && config.requests == 0) {
    throw UsageError(
        "refusing to run unbounded: give --duration, --requests or a scenario with stages");
  }
  config.threads = o.threads;  // 0: one per usable CPU
  config.timeout = parse_duration(o.timeout, "--timeout");
  config.connect_timeout = parse_duration(o.connect_timeout, "--connect-timeout");
  config.max_answer_bytes = parse_byte_size(o.max_answer_size, "--max-answer-size");
  config.seed = o.seed;
  return config;
}

/// --ingress and --egress. Throws UsageError.
void apply_pipeline(const LoadOptions& o, load::LoadConfig& config) {
  if (o.ingress) {
    config.target = load::LoadConfig::Target::playground_ingress;
  }
  if (!o.egress.empty()) {
    if (!o.ingress) {
      throw UsageError(
          "--egress counts what a pipeline gives while --ingress feeds it: give "
          "--ingress with the ingress's URL");
    }
    if (!o.allow_remote && !load::is_loopback_url(o.egress)) {
      throw UsageError("refusing to drain " + o.egress +
                       ": not a loopback address (give --allow-remote)");
    }
    config.egress_url = o.egress;
  }
  if (o.ingress && o.resolve_state) {
    throw UsageError(
        "--resolve-state answers a function's missing-state replies: a playground "
        "ingress sends none (the runtime behind it keeps the state)");
  }
}

std::vector<load::RequestKind> make_kinds(const LoadOptions& o, const load::Scenario& scenario) {
  const bool flags = !o.payload.address.empty() || !o.payload.request_file.empty();
  if (!o.scenario.empty() && flags) {
    throw UsageError("give either ADDRESS and value flags or --scenario, not both");
  }
  std::vector<load::RequestKind> kinds =
      o.scenario.empty() ? std::vector{load_kind(o.payload)} : scenario.kinds;
  for (auto& kind : kinds) {
    kind.resolve_state = kind.resolve_state || o.resolve_state;
  }
  return kinds;
}

nlohmann::json config_json(const LoadOptions& o, const load::LoadConfig& c) {
  return {{"users", c.users},
          {"connections", c.connections},
          {"rate", c.rate},
          {"wait", o.wait},
          {"spawn_rate", c.spawn_rate},
          {"duration", o.duration},
          {"requests", c.requests},
          {"threads", c.threads},
          {"scenario", o.scenario},
          {"address", o.payload.address}};
}

/// The thresholds' outcomes, printed (text) or added to the JSON document; true if all passed.
bool report_checks(const LoadOptions& o,
                   const load::LoadResult& result,
                   std::ostream& out,
                   nlohmann::json* document) {
  std::vector<load::Check> checks;
  for (const auto& text : o.checks) {
    checks.push_back(load::parse_check(text));
  }
  bool passed = true;
  for (const auto& outcome : load::evaluate_checks(result, checks)) {
    if (document != nullptr) {
      (*document)["checks"].push_back({{"check", outcome.check.text},
                                       {"actual", outcome.actual_text},
                                       {"passed", outcome.passed}});
    } else {
      out << "check " << outcome.check.text << ": " << outcome.actual_text
          << (outcome.passed ? " passed" : " FAILED") << "\n";
    }
    passed = passed && outcome.passed;
  }
  return passed;
}

/// Writes the requested files and prints the summary (or, --output json, the whole result as
/// one JSON document) and the checks; returns the exit code.
int report(const LoadOptions& o,
           const load::LoadResult& result,
           std::ostream& out,
           std::ostream& err) {
  if (!o.csv_prefix.empty()) {
    load::write_csv_files(o.csv_prefix, result);
  }
  if (!o.json_report.empty()) {
    load::write_text_file(o.json_report, load::to_json(result).dump(1) + "\n");
  }
  if (!o.html_report.empty()) {
    load::write_text_file(o.html_report, load::html_report(result));
  }
  bool passed = true;
  if (o.output == "json") {
    nlohmann::json document = load::to_json(result);
    document["checks"] = nlohmann::json::array();
    passed = report_checks(o, result, out, &document);
    out << document.dump(1) << "\n";
  } else {
    load::print_summary(out, result);
    passed = report_checks(o, result, out, nullptr);
  }
  const load::KindResult total = result.total();
  const auto by_kind = result.failures_by_kind();
  if (total.requests > 0 &&
      by_kind[static_cast<int>(load::FailureKind::connect)] == total.requests) {
    err << "sft load: error[load.unreachable]: no connection to " << result.url
        << " could be made\n";
    return kExitUnreachable;
  }
  if (o.checks.empty() && total.failures > 0) {  // as Locust: any failure fails the run
    err << "sft load: " << total.failures << " of " << total.requests
        << " requests failed (give --check to decide on the error rate instead)\n";
    return kExitFailed;
  }
  return passed ? kExitOk : kExitFailed;
}

/// Runs the engine; a live progress line every second when stderr is a terminal, Ctrl-C ends
/// the run early (with results).
load::LoadResult run_with_progress(const load::LoadConfig& config,
                                   const std::vector<load::RequestKind>& kinds,
                                   bool progress,
                                   std::ostream& err) {
  const bool live = progress && isatty(STDERR_FILENO) == 1;
  g_interrupted = false;
  const auto previous = std::signal(SIGINT, on_interrupt);
  int seconds = 0;
  load::LoadResult result = load::run_load(
      config,
      kinds,
      [&](const load::TimelinePoint& p) {
        ++seconds;
        if (live) {
          err << "\r" << load::progress_line(p, seconds) << "\x1b[K"
              << std::flush;  // clear the rest
        }
      },
      &g_interrupted);
  std::signal(SIGINT, previous);
  if (live) {
    err << "\n";
  }
  return result;
}

/// The flags about the run's safety, checks and reports.
void add_output_options(CLI::App& cmd, LoadOptions& o) {
  cmd.add_option(
      "--seed", o.seed, "Seed for the templates' random values (default: from the clock)");
  cmd.add_flag("--allow-remote", o.allow_remote, "Allow a target that is not a loopback address");
  cmd.add_option(
      "--check",
      o.checks,
      "A threshold such as 'p99<20ms', 'error_rate<0.1%', 'rps>=1000'; exit 1 if one fails");
  cmd.add_option(
      "--csv",
      o.csv_prefix,
      "Write Locust's PREFIX_stats.csv, _stats_history.csv, _failures.csv, _exceptions.csv");
  cmd.add_option(
      "--json-report", o.json_report, "Write the whole result as JSON (for `sft report merge`)");
  cmd.add_option("--html", o.html_report, "Write a self-contained HTML report with charts");
  cmd.add_option("-o,--output", o.output, "text (Locust-style summary) or json (the whole result)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd.add_flag(
      "!--no-progress", o.progress, "No live progress line (it only shows on a terminal anyway)");
}

/// The closed model's users and the open model's rate.
void add_model_options(CLI::App& cmd, LoadOptions& o) {
  cmd.add_option(
         "--users", o.users, "Closed model: concurrent users, one connection each (default 10)")
      ->check(positive_number());
  cmd.add_option(
      "--wait", o.wait, "Closed model: a user's wait between requests, e.g. 10ms..100ms");
  cmd.add_option("--spawn-rate",
                 o.spawn_rate,
                 "Closed model: users started per second (default: all at once)")
      ->check(positive_number());
  cmd.add_option(
         "--rate", o.rate, "Open model: requests per second, latency measured from the due time")
      ->check(positive_number());
  cmd.add_option("--connections",
                 o.connections,
                 "Open model: connections (default 32); closed model: = --users")
      ->check(positive_number());
}

/// --ingress and --egress: a whole pipeline fed through its playground ingress.
void add_pipeline_options(CLI::App& cmd, LoadOptions& o) {
  cmd.add_flag("--ingress",
               o.ingress,
               "The URL is a playground ingress (sft run's, or the playground's): each request "
               "a PUT of the message to /namespace/type/id, any 2xx a success");
  cmd.add_option("--egress",
                 o.egress,
                 "With --ingress: drain this playground egress topic (e.g. "
                 "http://127.0.0.1:8091/greetings) while the run lasts and count its records");
}

/// Raises this process's soft limit on open files to its hard limit: every user or connection
/// of a run is a descriptor, and the soft limit is often 1024.
void raise_descriptor_limit() noexcept {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    (void)::setrlimit(RLIMIT_NOFILE, &limit);  // if refused, the run checks what it got
  }
}

}  // namespace

void setup_load(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<LoadOptions>();
  CLI::App* cmd = app.add_subcommand(
      "load", "Load-test a function service: every request built, every answer validated");
  cmd->add_option("URL",
                  o->url,
                  "The function service, e.g. http://127.0.0.1:8000/statefun (with --ingress: "
                  "the playground ingress, e.g. http://127.0.0.1:8090)");
  add_payload_options(*cmd, o->payload);
  cmd->add_option("--scenario",
                  o->scenario,
                  "A YAML file of weighted request kinds and stages (instead of ADDRESS)");
  add_model_options(*cmd, *o);
  add_pipeline_options(*cmd, *o);
  cmd->add_flag("--resolve-state",
                o->resolve_state,
                "Answer missing-state replies as the runtime does and keep each address's state");
  cmd->add_option("--threads", o->threads, "Event-loop threads (default: one per usable CPU)")
      ->check(positive_number());
  cmd->add_option("--duration",
                  o->duration,
                  "How long to send, e.g. 30s (a run needs this, --requests or stages)");
  cmd->add_option("--requests", o->requests, "How many requests to send in all")
      ->check(positive_number());
  cmd->add_option("--timeout", o->timeout, "Time allowed for each answer")->capture_default_str();
  cmd->add_option("--connect-timeout", o->connect_timeout, "Time allowed to connect")
      ->capture_default_str();
  cmd->add_option("--max-answer-size",
                  o->max_answer_size,
                  "Largest answer body read, e.g. 1MiB (a larger one fails that request)")
      ->capture_default_str();
  add_output_options(*cmd, *o);
  cmd->footer(kLoadFooter);
  cmd->callback([o, &exit_code] { exit_code = run_load(*o, std::cout, std::cerr); });
}

int run_load(const LoadOptions& o, std::ostream& out, std::ostream& err) {
  raise_descriptor_limit();
  try {
    for (const auto& text : o.checks) {
      (void)load::parse_check(text);  // bad checks fail before the run
    }
    const load::Scenario scenario =
        o.scenario.empty() ? load::Scenario{} : load::load_scenario(o.scenario);
    load::LoadConfig config = make_config(o, scenario);
    apply_pipeline(o, config);
    const std::vector<load::RequestKind> kinds = make_kinds(o, scenario);
    if (!o.allow_remote && !load::is_loopback_url(config.url)) {
      throw UsageError("refusing to load " + config.url +
                       ": not a loopback address (give --allow-remote)");
    }
    load::LoadResult result = run_with_progress(config, kinds, o.progress, err);
    result.config = config_json(o, config);
    return report(o, result, out, err);
  } catch (const load::UnresolvableTarget& e) {
    err << "sft load: error[load.unreachable]: " << e.what() << "\n";
    return kExitUnreachable;
  } catch (const std::exception& e) {  // UsageError, invalid_argument, files that cannot be written
    err << "sft load: " << e.what() << "\n";
    return kExitUsage;
  }
}

}  // namespace statefun::cli
