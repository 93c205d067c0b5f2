// The shopping-cart service: com.example/user-shopping-cart and com.example/stock on
// http://0.0.0.0:1108/, where the playground's module.yaml looks for them.
#include <exception>
#include <iostream>
#include <utility>

#include <CLI/CLI.hpp>

#include <statefun/statefun.hpp>

#include "shopping_cart.hpp"

namespace {

int serve(int argc, char** argv) {
  statefun::ServerOptions options;
  options.port = 1108;
  options.path = "/";
  options.handle_signals = true;  // SIGINT/SIGTERM drain and stop it
  CLI::App app("The statefun-playground shopping cart as a C++ remote function service.",
               "shopping-cart");
  app.add_option("--address", options.address, "Address to listen on")->capture_default_str();
  app.add_option("--port", options.port, "Port to listen on (0 = pick a free one)")
      ->capture_default_str();
  app.add_option("--path", options.path, "URL path to serve")->capture_default_str();
  app.add_option("--threads", options.threads, "Event loops (0 = one per usable CPU)")
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  statefun::StatefulFunctions functions;
  shopping_cart::bind_functions(functions);
  statefun::Server server(statefun::RequestReplyHandler(std::move(functions)), options);
  server.run();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return serve(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "shopping-cart: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "shopping-cart: unknown error\n";
  }
  return 1;
}
