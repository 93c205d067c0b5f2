// Starting, waiting for and stopping the function services of `sft run --exec` (POSIX).
#include "service_processes.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <system_error>
#include <thread>

#include "exit_codes.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;  // NOLINT(readability-redundant-declaration): POSIX, for posix_spawn

namespace statefun::cli {

namespace {

constexpr std::chrono::milliseconds kPollInterval{20};

/// The text of an errno value (std::strerror is not thread-safe).
std::string system_message(int error) {
  return std::error_code(error, std::generic_category()).message();
}

/// Whether something accepts a TCP connection at `address` now.
bool accepts_connections(const runtime::ServiceAddress& address) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(address.host.c_str(), std::to_string(address.port).c_str(), &hints, &found) !=
      0) {
    return false;
  }
  bool connected = false;
  for (const addrinfo* a = found; a != nullptr && !connected; a = a->ai_next) {
    const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd >= 0) {
      connected = ::connect(fd, a->ai_addr, a->ai_addrlen) == 0;
      ::close(fd);
    }
  }
  freeaddrinfo(found);
  return connected;
}

/// The last `max_bytes` of the file at `path` (from a line start when it was cut).
std::string file_tail(const std::string& path, std::size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (text.size() > max_bytes) {
    text.erase(0, text.size() - max_bytes);
    const std::size_t line = text.find('\n');
    text.erase(0, line == std::string::npos ? 0 : line + 1);
  }
  return text;
}

}  // namespace

ServiceProcesses::~ServiceProcesses() {
  stop();
  for (const Service& service : services_) {
    ::unlink(service.output_path.c_str());
  }
}

void ServiceProcesses::start(const std::string& command) {
  Service service;
  service.command = command;
  const char* tmp = std::getenv("TMPDIR");  // NOLINT(concurrency-mt-unsafe): one thread here
  std::string path =
      std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/sft-run-service-XXXXXX";
  const int fd = ::mkstemp(path.data());
  if (fd < 0) {
    throw UsageError("--exec '" + command + "': cannot create a file for its output in " +
                     path.substr(0, path.rfind('/')) + ": " + system_message(errno));
  }
  service.output_path = path;

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, fd, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, fd, STDERR_FILENO);
  posix_spawn_file_actions_addclose(&actions, fd);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);
  std::string shell = "/bin/sh";
  std::string dash_c = "-c";
  std::string script = command;
  char* argv[] = {shell.data(), dash_c.data(), script.data(), nullptr};  // NOLINT(*-c-arrays)
  const int error = posix_spawn(&service.pid, "/bin/sh", &actions, &attributes, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  ::close(fd);
  if (error != 0) {
    ::unlink(path.c_str());
    throw UsageError("--exec '" + command + "': cannot start /bin/sh: " + system_message(error));
  }
  service.running = true;
  services_.push_back(std::move(service));
}

void ServiceProcesses::wait_until_listening(const std::vector<runtime::ServiceAddress>& addresses,
                                            std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::vector<runtime::ServiceAddress> closed = addresses;
  while (true) {
    std::erase_if(closed, accepts_connections);
    if (closed.empty()) {
      return;
    }
    for (Service& service : services_) {
      if (service.running && reap(service)) {
        throw UsageError("--exec '" + service.command + "' " + how_it_ended(service) + " before " +
                         closed.front().str() + " listened; its output:\n" +
                         file_tail(service.output_path, 4096));
      }
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      throw UsageError("nothing listens on " + closed.front().str() + " after " +
                       std::to_string(timeout.count()) + " ms of --exec-timeout");
    }
    std::this_thread::sleep_for(kPollInterval);  // a port that opens has no other signal
  }
}

std::vector<std::string> ServiceProcesses::exited() {
  std::vector<std::string> gone;
  for (Service& service : services_) {
    if (service.running && reap(service)) {
      gone.push_back("--exec '" + service.command + "' " + how_it_ended(service));
    }
  }
  return gone;
}

std::string ServiceProcesses::output_tails(std::size_t max_bytes) const {
  std::string text;
  for (const Service& service : services_) {
    const std::string tail = file_tail(service.output_path, max_bytes);
    text += "--- output of --exec '" + service.command + "'" + (tail.empty() ? " (none)" : "") +
            "\n" + tail;
    if (!tail.empty() && tail.back() != '\n') {
      text += '\n';
    }
  }
  return text;
}

void ServiceProcesses::stop(std::chrono::milliseconds grace) {
  for (const Service& service : services_) {
    if (service.running) {
      ::kill(-service.pid, SIGTERM);
    }
  }
  const auto deadline = std::chrono::steady_clock::now() + grace;
  for (Service& service : services_) {
    while (service.running && !reap(service)) {
      if (std::chrono::steady_clock::now() >= deadline) {
        ::kill(-service.pid, SIGKILL);
        ::waitpid(service.pid, &service.wait_status, 0);
        service.running = false;
        break;
      }
      std::this_thread::sleep_for(kPollInterval);
    }
  }
}

bool ServiceProcesses::reap(Service& service) {
  const pid_t pid = ::waitpid(service.pid, &service.wait_status, WNOHANG);
  if (pid == service.pid || (pid < 0 && errno == ECHILD)) {
    service.running = false;
    return true;
  }
  return false;
}

std::string ServiceProcesses::how_it_ended(const Service& service) {
  if (WIFSIGNALED(service.wait_status)) {
    return "was killed by signal " + std::to_string(WTERMSIG(service.wait_status));
  }
  return "exited with status " + std::to_string(WEXITSTATUS(service.wait_status));
}

}  // namespace statefun::cli
