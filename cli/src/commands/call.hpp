// sft call: send one request to a function service and print the decoded answer.
#pragma once

#include <ostream>
#include <string>

#include <CLI/CLI.hpp>

#include "payload_options.hpp"

namespace statefun::cli {

struct CallOptions {
  std::string url;
  PayloadOptions payload;
  bool resolve_state = false;
  std::string output = "json";  ///< json, text or binary
  std::string timeout = "30s";
  std::string connect_timeout = "5s";
  std::string max_answer_size = "64MiB";  ///< a larger answer fails as a transport error
};

/// Registers `sft call`; its exit code goes to `exit_code`.
void setup_call(CLI::App& app, int& exit_code);

/// Runs a call: 0 success, 1 a wrong answer (status, content type, undecodable), 2 bad
/// options, 3 the target cannot be reached.
int run_call(const CallOptions& options, std::ostream& out, std::ostream& err);

}  // namespace statefun::cli
