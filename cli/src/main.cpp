// sft: call, test and load-test Statefun function services, whatever language they are in.
#include <iostream>

#include <CLI/CLI.hpp>

#include "commands/call.hpp"
#include "commands/decode_encode.hpp"
#include "commands/load.hpp"
#include "commands/report.hpp"
#include "commands/test.hpp"
#include "exit_codes.hpp"

int main(int argc, char** argv) {
  CLI::App app("sft: call, decode, test and load-test Apache Flink Statefun remote functions",
               "sft");
  app.require_subcommand(1);
  app.set_version_flag("--version", "sft 0.1.0");
  int exit_code = statefun::cli::kExitOk;
  statefun::cli::setup_call(app, exit_code);
  statefun::cli::setup_decode_encode(app, exit_code);
  statefun::cli::setup_load(app, exit_code);
  statefun::cli::setup_report(app, exit_code);
  statefun::cli::setup_test(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // prints help or the one-line error
    return code == 0 ? statefun::cli::kExitOk : statefun::cli::kExitUsage;
  }
  return exit_code;
}
