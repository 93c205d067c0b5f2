#include "peers.hpp"

namespace statefun::interop {

std::vector<std::string> node_command(std::string_view script,
                                      const std::vector<std::string>& args) {
  std::vector<std::string> argv{STATEFUN_NODE,
                                std::string(STATEFUN_INTEROP_DIR) + "/" + std::string(script)};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

test::RunResult run_node(std::string_view script,
                         const std::vector<std::string>& args,
                         std::string_view input) {
  return test::run(node_command(script, args), input);
}

std::vector<std::string> js_greeter_command() {
  return node_command("js_greeter.js", {"--host", "127.0.0.1", "--port", "0"});
}

std::vector<std::string> cpp_greeter_command() {
  return {STATEFUN_GREETER, "--address", "127.0.0.1", "--port", "0", "--threads", "1"};
}

}  // namespace statefun::interop
