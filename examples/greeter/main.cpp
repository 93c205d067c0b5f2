// The greeter service: example/person and example/greeter on http://0.0.0.0:8000/statefun.
#include <exception>
#include <iostream>
#include <utility>

#include <CLI/CLI.hpp>

#include <statefun/statefun.hpp>

#include "greeter.hpp"

namespace {

int serve(int argc, char** argv) {
  statefun::ServerOptions options;
  options.handle_signals = true;  // SIGINT/SIGTERM (docker stop, Kubernetes) drain and stop it
  CLI::App app("The statefun-playground greeter as a C++ remote function service.", "greeter");
  app.add_option("--address", options.address, "Address to listen on")->capture_default_str();
  app.add_option("--port", options.port, "Port to listen on (0 = pick a free one)")
      ->capture_default_str();
  app.add_option("--path", options.path, "URL path to serve")->capture_default_str();
  app.add_option("--threads", options.threads, "Event loops (0 = one per usable CPU)")
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  statefun::StatefulFunctions functions;
  greeter::bind_functions(functions);
  statefun::Server server(statefun::RequestReplyHandler(std::move(functions)), options);
  server.run();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return serve(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "greeter: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "greeter: unknown error\n";
  }
  return 1;
}
