// Running the built binaries from tests: a command to completion, or a server in the
// background whose port is read from its "listening on http://HOST:PORT/..." line.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <sys/types.h>

namespace statefun::test {

/// What a finished command left behind.
struct RunResult {
  int exit_code = -1;  ///< the exit status, or 128 + signal
  std::string out;
  std::string err;
};

/// Runs `argv` with `input` on its standard input and waits for it, killing it after
/// `timeout` (the result then says exit_code 128 + SIGKILL).
RunResult run(const std::vector<std::string>& argv,
              std::string_view input = {},
              std::chrono::milliseconds timeout = std::chrono::seconds(60));

/// A server started in the background. The constructor waits (at most `timeout`) for the
/// line "listening on http://HOST:PORT/PATH" on its standard error; the destructor stops it
/// with SIGTERM (then SIGKILL after 10 s).
class ServerProcess {
 public:
  explicit ServerProcess(const std::vector<std::string>& argv,
                         std::chrono::milliseconds timeout = std::chrono::seconds(30));
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  std::uint16_t port() const noexcept { return port_; }

  /// The URL it printed, e.g. http://127.0.0.1:40123/statefun.
  const std::string& url() const noexcept { return url_; }

  /// Sends SIGTERM and waits; returns the exit code (128 + signal when killed).
  int stop();

  /// What it wrote to standard error so far (read when it stops; up to the listening line
  /// before).
  const std::string& err() const noexcept { return err_; }

 private:
  pid_t pid_ = -1;
  int err_fd_ = -1;
  std::uint16_t port_ = 0;
  std::string url_;
  std::string err_;
};

}  // namespace statefun::test
