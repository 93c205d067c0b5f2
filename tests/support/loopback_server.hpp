// ServerOptions for a statefun::Server inside a test: 127.0.0.1, a free port, one thread, no
// signal handling, no log lines.
#pragma once

#include <string_view>

#include <statefun/server.hpp>

namespace statefun::test {

inline ServerOptions loopback_server_options() {
  ServerOptions options;
  options.address = "127.0.0.1";
  options.port = 0;
  options.threads = 1;
  options.handle_signals = false;
  options.log = [](std::string_view) {};
  return options;
}

}  // namespace statefun::test
