// sft load: a protocol-aware load test of a function service.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "payload_options.hpp"

namespace statefun::cli {

struct LoadOptions {
  std::string url;
  PayloadOptions payload;
  std::string scenario;  ///< --scenario FILE: weighted request kinds and stages
  unsigned users = 0;
  std::string wait;  ///< "10ms..100ms" or "50ms"
  double spawn_rate = 0;
  double rate = 0;
  unsigned connections = 0;
  unsigned threads = 0;  ///< 0: one per CPU this process may use
  std::string duration;
  std::uint64_t requests = 0;
  std::string timeout = "10s";
  std::string connect_timeout = "5s";
  std::string max_answer_size = "64MiB";
  std::uint64_t seed = 0;
  bool allow_remote = false;
  bool resolve_state = false;
  bool ingress = false;  ///< --ingress: the URL is a playground ingress
  std::string egress;    ///< --egress URL: a playground egress topic to drain and count
  std::vector<std::string> checks;
  std::string csv_prefix;
  std::string json_report;
  std::string html_report;
  std::string output = "text";  ///< --output: text (the summary) or json (the whole result)
  bool progress = true;
};

/// Registers `sft load`; its exit code goes to `exit_code`.
void setup_load(CLI::App& app, int& exit_code);

/// Runs a load test and prints its summary: 0 done, 1 a request failed (with --check: a check
/// failed instead), 2 bad options, 3 the target could not be reached at all.
int run_load(const LoadOptions& options, std::ostream& out, std::ostream& err);

}  // namespace statefun::cli
