#include "process.hpp"

#include <array>
#include <csignal>
#include <regex>
#include <stdexcept>

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace statefun::test {

namespace {

using Clock = std::chrono::steady_clock;

struct Pipe {
  int read = -1;
  int write = -1;
};

Pipe make_pipe() {
  std::array<int, 2> fds{};
  if (pipe2(fds.data(), O_CLOEXEC) != 0) {
    throw std::runtime_error("pipe2 failed");
  }
  return {fds[0], fds[1]};
}

/// Forks and execs argv with the given descriptors as stdin/stdout/stderr.
pid_t spawn(const std::vector<std::string>& argv, int in, int out, int err) {
  std::vector<std::string> copies(argv);  // execvp takes char*: its own writable copies
  std::vector<char*> args;
  args.reserve(copies.size() + 1);
  for (std::string& a : copies) {
    args.push_back(a.data());
  }
  args.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    execv(args[0], args.data());
    _exit(127);
  }
  if (pid < 0) {
    throw std::runtime_error("fork failed");
  }
  return pid;
}

int wait_exit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/// Reads what is available from fd into out; false at end of file.
bool drain(int fd, std::string& out) {
  std::array<char, 65536> buffer{};
  const ssize_t n = ::read(fd, buffer.data(), buffer.size());
  if (n > 0) {
    out.append(buffer.data(), static_cast<std::size_t>(n));
    return true;
  }
  return false;
}

}  // namespace

RunResult run(const std::vector<std::string>& argv,
              std::string_view input,
              std::chrono::milliseconds timeout) {
  Pipe in = make_pipe();
  Pipe out = make_pipe();
  Pipe err = make_pipe();
  const pid_t pid = spawn(argv, in.read, out.write, err.write);
  close(in.read);
  close(out.write);
  close(err.write);
  signal(SIGPIPE, SIG_IGN);
  [[maybe_unused]] const ssize_t written =
      ::write(in.write, input.data(), input.size());  // inputs in tests are small
  close(in.write);
  RunResult result;
  const auto deadline = Clock::now() + timeout;
  std::array<pollfd, 2> fds = {pollfd{out.read, POLLIN, 0}, pollfd{err.read, POLLIN, 0}};
  int open_fds = 2;
  while (open_fds > 0) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      kill(pid, SIGKILL);
      break;
    }
    poll(fds.data(), fds.size(), static_cast<int>(left.count()));
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd >= 0 && (fds[i].revents & (POLLIN | POLLHUP)) != 0 &&
          !drain(fds[i].fd, i == 0 ? result.out : result.err)) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  for (const auto& f : fds) {
    if (f.fd >= 0) {
      close(f.fd);
    }
  }
  result.exit_code = wait_exit(pid);
  return result;
}

ServerProcess::ServerProcess(const std::vector<std::string>& argv,
                             std::chrono::milliseconds timeout) {
  Pipe err = make_pipe();
  const int null_fd = ::open("/dev/null", O_RDWR | O_CLOEXEC);  // NOLINT(*-vararg): POSIX
  pid_ = spawn(argv, null_fd, null_fd, err.write);
  close(null_fd);
  close(err.write);
  err_fd_ = err.read;
  const std::regex listening(R"(listening on (http://[^\s:]+:(\d+)/\S*))");
  const auto deadline = Clock::now() + timeout;
  std::smatch match;
  while (!std::regex_search(err_, match, listening)) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    pollfd fd{err_fd_, POLLIN, 0};
    if (left.count() <= 0 || poll(&fd, 1, static_cast<int>(left.count())) <= 0 ||
        !drain(err_fd_, err_)) {
      stop();
      throw std::runtime_error("server " + argv[0] + " did not print its listening line: " + err_);
    }
  }
  url_ = match[1];
  port_ = static_cast<std::uint16_t>(std::stoi(match[2]));
}

ServerProcess::~ServerProcess() {
  stop();
}

int ServerProcess::stop() {
  if (pid_ < 0) {
    return -1;
  }
  kill(pid_, SIGTERM);
  const auto deadline = Clock::now() + std::chrono::seconds(10);
  pollfd fd{err_fd_, POLLIN, 0};
  while (Clock::now() < deadline && poll(&fd, 1, 100) >= 0) {
    if ((fd.revents & (POLLIN | POLLHUP)) != 0 && !drain(err_fd_, err_)) {
      break;  // the server closed its stderr: it is exiting
    }
  }
  if (Clock::now() >= deadline) {
    kill(pid_, SIGKILL);
  }
  const int code = wait_exit(pid_);
  close(err_fd_);
  pid_ = -1;
  return code;
}

}  // namespace statefun::test
