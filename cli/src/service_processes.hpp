// ServiceProcesses: the function services `sft run --exec` starts, waits for and stops.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <statefun/runtime/module.hpp>

#include <sys/types.h>

namespace statefun::cli {

/// Function services started as `/bin/sh -c COMMAND`, each in its own process group (so a
/// shell's children are stopped with it), its standard output and error kept in a temporary
/// file for the failure report; stopped (SIGTERM, then SIGKILL after a grace period) when this
/// object goes away.
///
/// Example:
///   ServiceProcesses services;
///   services.start("build/dev/examples/greeter/greeter --port 8000");
///   services.wait_until_listening({{"127.0.0.1", 8000}}, std::chrono::seconds(30));
///   ...  // run the pipeline
///   services.stop();
class ServiceProcesses {
 public:
  ServiceProcesses() = default;
  ~ServiceProcesses();
  ServiceProcesses(const ServiceProcesses&) = delete;
  ServiceProcesses& operator=(const ServiceProcesses&) = delete;

  /// Starts `command`. Throws UsageError when it cannot be started.
  void start(const std::string& command);

  /// Waits until every address accepts a TCP connection. Throws UsageError when a service
  /// exits first (its status and output in the message) or an address is still closed at the
  /// deadline.
  void wait_until_listening(const std::vector<runtime::ServiceAddress>& addresses,
                            std::chrono::milliseconds timeout);

  /// The services that have exited although they should still run, each as
  /// "--exec 'CMD' exited with status N" (or "was killed by signal N").
  std::vector<std::string> exited();

  /// Each service's command and the end of its output (at most `max_bytes` each), for a
  /// failure report; empty when there are no services.
  std::string output_tails(std::size_t max_bytes = 4096) const;

  /// Stops every service still running: SIGTERM to its group, SIGKILL after `grace`.
  void stop(std::chrono::milliseconds grace = std::chrono::seconds(5));

 private:
  struct Service {
    std::string command;
    pid_t pid = -1;
    std::string output_path;
    int wait_status = 0;  ///< as waitpid reports it, once reaped
    bool running = false;
  };

  /// Reaps `service` if it has exited; true when it has.
  static bool reap(Service& service);

  /// "exited with status N" or "was killed by signal N".
  static std::string how_it_ended(const Service& service);

  std::vector<Service> services_;
};

}  // namespace statefun::cli
