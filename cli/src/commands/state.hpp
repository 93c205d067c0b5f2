// sft state: what a running `sft run --admin-port N` holds, read from its admin endpoint and
// shown as `sft decode` shows values: every address's state, backlog and delayed messages.
#pragma once

#include <ostream>
#include <string>

#include <CLI/CLI.hpp>

namespace statefun::cli {

struct StateOptions {
  std::string url;              ///< the admin endpoint, e.g. http://127.0.0.1:8092
  std::string address;          ///< one address (namespace/type/id); empty: every address
  std::string output = "text";  ///< text or json (the endpoint's document as it is)
  bool allow_remote = false;
};

/// Registers `sft state`; the exit code goes to `exit_code`.
void setup_state(CLI::App& app, int& exit_code);

/// Prints the state: 0 done, 1 the run has not seen the address, 2 bad flags or an answer that
/// is not the admin endpoint's, 3 the endpoint cannot be reached.
int run_state(const StateOptions& options, std::ostream& out, std::ostream& err);

}  // namespace statefun::cli
