// The exit codes every sft subcommand uses.
#pragma once

#include <stdexcept>

namespace statefun::cli {

enum ExitCode : int {
  kExitOk = 0,           ///< success; every test or check passed
  kExitFailed = 1,       ///< a test or check failed, or the target answered wrongly
  kExitUsage = 2,        ///< a bad flag, file or configuration
  kExitUnreachable = 3,  ///< the target could not be reached
};

/// A usage or configuration problem, reported in one line and exit code 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace statefun::cli
