// Fuzz target: the module.yaml reader of the local runtime (statefun::runtime::parse_module),
// YAML written by users.
// Oracle: it returns a module in which every typename has exactly one '/' with text on both
// sides and every endpoint's URL template has a scheme the runtime knows, or it throws
// runtime::ModuleError whose text starts with the file's name. Anything else escaping
// (yaml-cpp's exceptions, std::out_of_range, std::bad_alloc, a crash or a sanitizer report) is
// a finding.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

#include <statefun/runtime/module.hpp>

#include "fuzz_target.hpp"

namespace {

using statefun::fuzz::report_finding;

constexpr std::string_view kPath = "fuzz.module.yaml";

void check_type_name(const statefun::TypeName& name) {
  if (name.ns().empty() || name.name().empty() || name.ns().find('/') != std::string_view::npos) {
    report_finding("a typename the runtime would refuse was accepted: " + name.str());
  }
}

void check(const statefun::runtime::Module& module) {
  for (const auto& endpoint : module.endpoints) {
    if (endpoint.functions.ns.empty() || endpoint.max_num_batch_requests < 0 ||
        !endpoint.url_path_template.starts_with("http")) {
      report_finding("an endpoint the runtime would refuse was accepted: " +
                     endpoint.functions.str() + " at " + endpoint.url_path_template);
    }
  }
  for (const auto& ingress : module.ingresses) {
    check_type_name(ingress.id);
    for (const auto& route : ingress.routes) {
      for (const auto& target : route.targets) {
        check_type_name(target);
      }
    }
  }
  for (const auto& egress : module.egresses) {
    check_type_name(egress.id);
  }
}

}  // namespace

// NOLINTNEXTLINE(readability-identifier-naming): the name libFuzzer calls
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    check(
        statefun::runtime::parse_module(statefun::fuzz::bytes_of(data, size), std::string(kPath)));
  } catch (const statefun::runtime::ModuleError& e) {
    if (!std::string_view(e.what()).starts_with(kPath)) {
      report_finding(std::string("a ModuleError without the file's name: ") + e.what());
    }
  } catch (const std::exception& e) {
    report_finding(std::string("parse_module threw an exception other than ModuleError: ") +
                   e.what());
  } catch (...) {
    report_finding("parse_module threw something that is not a std::exception");
  }
  return 0;
}
