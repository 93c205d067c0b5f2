// sft: call, test and load-test Statefun function services, whatever language they are in.
#include <exception>
#include <iostream>

#include <CLI/CLI.hpp>

#include "commands/call.hpp"
#include "commands/decode_encode.hpp"
#include "commands/load.hpp"
#include "commands/report.hpp"
#include "commands/run.hpp"
#include "commands/state.hpp"
#include "commands/test.hpp"
#include "commands/trace.hpp"
#include "exit_codes.hpp"

namespace {

/// Registers the commands, parses the flags and runs the chosen command.
int run(int argc, char** argv) {
  CLI::App app("sft: call, decode, test, load-test and run Apache Flink Statefun remote functions",
               "sft");
  app.require_subcommand(1);
  app.set_version_flag("--version", "sft 0.1.0");
  int exit_code = statefun::cli::kExitOk;
  statefun::cli::setup_call(app, exit_code);
  statefun::cli::setup_decode_encode(app, exit_code);
  statefun::cli::setup_load(app, exit_code);
  statefun::cli::setup_report(app, exit_code);
  statefun::cli::setup_run(app, exit_code);
  statefun::cli::setup_state(app, exit_code);
  statefun::cli::setup_test(app, exit_code);
  statefun::cli::setup_trace(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // prints help or the one-line error
    return code == 0 ? statefun::cli::kExitOk : statefun::cli::kExitUsage;
  }
  return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {  // a command failed in a way it did not report itself
    std::cerr << "sft: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "sft: unknown error\n";
  }
  return statefun::cli::kExitUsage;
}
