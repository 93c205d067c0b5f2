// sft run: a whole pipeline on this machine, as a Flink Statefun cluster would run it: the
// module.yaml's function services called over HTTP, messages in from a file or flags, every
// egress record shown, a summary at the end; the playground's HTTP ingress and egress served
// as the playground serves them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "payload_options.hpp"

namespace statefun::cli {

struct RunCommandOptions {
  std::string module;                 ///< MODULE: the module.yaml
  std::vector<std::string> send;      ///< --send: JSON-lines files of messages ("-": stdin)
  PayloadOptions message;             ///< --to ADDRESS with a value flag: one-off messages
  std::string clock = "real";         ///< --clock real|virtual
  std::string duration;               ///< --duration: run this long instead of until idle
  std::uint64_t max_messages = 0;     ///< --max-messages: 0 = all
  std::size_t max_in_flight = 32768;  ///< --max-in-flight (statefun.async.max-per-task)
  std::string egress_out;             ///< --egress-out: the records as JSON lines
  std::string trace;                  ///< --trace: every step as JSON lines
  std::string mermaid;                ///< --mermaid: the message flow as a Mermaid sequence diagram
  std::string html;                   ///< --html: the message flow as a self-contained page
  bool quiet = false;                 ///< --quiet: no line per egress record
  bool http = false;  ///< --http: serve the playground ingress/egress (default without input)
  std::string listen = "127.0.0.1";  ///< --listen: the address they listen on
  int ingress_port = -1;             ///< --ingress-port: instead of the module's; 0 any free
  int egress_port = -1;              ///< --egress-port: likewise
  int admin_port = -1;               ///< --admin-port: serve the admin endpoint; 0 any free
  std::vector<std::string> exec;     ///< --exec: function services to start (sh -c)
  std::string exec_timeout = "30s";  ///< --exec-timeout: how long they may take to listen
};

/// Registers `sft run`; the exit code goes to `exit_code`.
void setup_run(CLI::App& app, int& exit_code);

/// Runs the pipeline: 0 when it ended (idle, its duration, or interrupted), 1 when it stopped
/// as a Flink job fails (the reason and what was in flight on `err`), 2 for a bad module, flag
/// or message file.
int run_run(const RunCommandOptions& options, std::ostream& out, std::ostream& err);

}  // namespace statefun::cli
