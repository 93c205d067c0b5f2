// The examples of the runtime's public headers, compiled and run
// (scripts/check-header-examples checks that every header example appears here, line for line).
#undef NDEBUG  // the examples assert
#include <cassert>

#include <gtest/gtest.h>

#include <statefun/runtime/module.hpp>

namespace statefun::runtime {
namespace {

TEST(HeaderExamples, Module) {
  const Module module = parse_module(
      "kind: io.statefun.endpoints.v2/http\n"
      "spec:\n"
      "  functions: example/*\n"
      "  urlPathTemplate: http://127.0.0.1:8000/statefun\n",
      "module.yaml");
  assert(module.endpoint_for("example/greeter")->url_for("example/greeter") ==
         "http://127.0.0.1:8000/statefun");
}

}  // namespace
}  // namespace statefun::runtime
