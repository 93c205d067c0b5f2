// Fuzz target: the reader of `sft test` files (statefun::cases::parse_test_file), YAML or JSON
// text written by users.
// Oracle: it returns a test file whose cases each have at least one step, or throws
// cases::TestFileError whose text starts with the file's name (the location of the problem).
// Anything else escaping (std::out_of_range, nlohmann's type_error, std::bad_alloc, a crash or a
// sanitizer report) is a finding.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

#include <statefun/cases/test_file.hpp>

#include "fuzz_target.hpp"

namespace {

using statefun::fuzz::report_finding;

constexpr std::string_view kPath = "fuzz.test.yaml";

void check(const statefun::cases::TestFile& file) {
  for (const statefun::cases::TestCase& c : file.cases) {
    if (c.steps.empty()) {
      report_finding("case '" + c.id + "' has no step");
    }
  }
}

}  // namespace

// NOLINTNEXTLINE(readability-identifier-naming): the name libFuzzer calls
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    check(
        statefun::cases::parse_test_file(statefun::fuzz::bytes_of(data, size), std::string(kPath)));
  } catch (const statefun::cases::TestFileError& e) {
    if (!std::string_view(e.what()).starts_with(kPath)) {
      report_finding(std::string("a TestFileError without the file's name: ") + e.what());
    }
  } catch (const std::exception& e) {
    report_finding(std::string("parse_test_file threw an exception other than TestFileError: ") +
                   e.what());
  } catch (...) {
    report_finding("parse_test_file threw something that is not a std::exception");
  }
  return 0;
}
