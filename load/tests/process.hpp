// Test helpers: run a command and capture its output, or start a server and read its port.
#pragma once

#include <array>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

namespace statefun::load::testing {

/// What a finished command printed (stdout and stderr together) and its exit code.
struct Ran {
  int exit_code = -1;
  std::string output;
};

/// Runs a shell command to its end.
inline Ran run(const std::string& command) {
  Ran ran;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) {
    throw std::runtime_error("popen failed");
  }
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    ran.output.append(buffer.data(), n);
  }
  const int status = pclose(pipe);
  ran.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return ran;
}

/// The greeter binary on 127.0.0.1 port 0 with one thread; killed when this goes away.
class Greeter {
 public:
  explicit Greeter(const std::string& binary) {
    int fds[2];
    if (pipe(fds) != 0) {
      throw std::runtime_error("pipe failed");
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDERR_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    std::vector<std::string> args = {
        binary, "--address", "127.0.0.1", "--port", "0", "--threads", "1"};
    std::vector<char*> argv;
    for (auto& a : args) {
      argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    const int rc = posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    if (rc != 0) {
      throw std::runtime_error("cannot start " + binary);
    }
    url_ = read_url(fds[0]);
    close(fds[0]);  // later lines are not read; the greeter only logs at start-up
  }

  ~Greeter() {
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
  }

  Greeter(const Greeter&) = delete;
  Greeter& operator=(const Greeter&) = delete;

  /// http://127.0.0.1:PORT/statefun
  const std::string& url() const { return url_; }

 private:
  static std::string read_url(int fd) {
    std::string text;
    char c = 0;
    while (read(fd, &c, 1) == 1) {  // blocks until the greeter has printed its line
      text += c;
      const auto at = text.find("listening on ");
      if (c == '\n' && at != std::string::npos) {
        const auto end = text.find(' ', at + 13);
        return text.substr(at + 13, end - at - 13);
      }
    }
    throw std::runtime_error("the greeter ended without listening: " + text);
  }

  pid_t pid_ = 0;
  std::string url_;
};

}  // namespace statefun::load::testing
