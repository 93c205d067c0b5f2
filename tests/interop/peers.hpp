// The peers of the interop tests: the JavaScript SDK's scripts (greeter, type encodings) and
// the C++ greeter, started from the paths CMake passes in.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <statefun/testkit/http_client.hpp>

#include "process.hpp"

namespace statefun::interop {

/// `node tests/interop/<script> args...`: the argv of a JavaScript peer script.
std::vector<std::string> node_command(std::string_view script,
                                      const std::vector<std::string>& args = {});

/// Runs a JavaScript peer script to completion with `input` on its standard input.
test::RunResult run_node(std::string_view script,
                         const std::vector<std::string>& args,
                         std::string_view input = {});

/// The JS SDK greeter (js_greeter.js) on 127.0.0.1, port 0.
std::vector<std::string> js_greeter_command();

/// The C++ greeter (examples/greeter) on 127.0.0.1, port 0, one thread.
std::vector<std::string> cpp_greeter_command();

/// A started greeter and a keep-alive client for it.
struct Peer {
  explicit Peer(const std::vector<std::string>& command)
      : process(command), client(process.url()) {}

  test::ServerProcess process;
  testkit::HttpClient client;
};

}  // namespace statefun::interop
