// Fuzz target: the trace reader of `sft trace show` (statefun::runtime::TraceReader), JSON
// lines from a file a user points it at.
// Oracle: every line is an event or a TraceError naming the input and the line; an event read
// is shown on one timeline line without control characters, and written back
// (trace_json) it reads again as the same JSON. Anything else escaping, a crash or a sanitizer
// report is a finding.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <sstream>
#include <string>
#include <string_view>

#include <statefun/runtime/trace_json.hpp>
#include <statefun/runtime/trace_timeline.hpp>

#include "fuzz_target.hpp"

namespace {

using statefun::fuzz::report_finding;
using statefun::runtime::TraceEvent;

constexpr std::string_view kPath = "fuzz.trace.jsonl";

void check(const TraceEvent& event) {
  const std::string line = statefun::runtime::timeline_line(event);
  for (const char c : line) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      report_finding("a timeline line holds a control character: " + line);
    }
  }
  const nlohmann::json written = statefun::runtime::trace_json(event);
  try {
    const nlohmann::json again =
        statefun::runtime::trace_json(statefun::runtime::trace_event_from_json(written));
    if (again != written) {
      report_finding("an event read back differs: " + written.dump() + " then " + again.dump());
    }
  } catch (const std::exception& e) {
    report_finding("an event written by trace_json does not read back: " + written.dump() + ": " +
                   e.what());
  }
}

}  // namespace

// NOLINTNEXTLINE(readability-identifier-naming): the name libFuzzer calls
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in{std::string(statefun::fuzz::bytes_of(data, size))};
  statefun::runtime::TraceReader reader(in, std::string(kPath));
  try {
    while (const auto event = reader.next()) {
      check(*event);
    }
  } catch (const statefun::runtime::TraceError& e) {
    if (!std::string_view(e.what()).starts_with(std::string(kPath) + ":")) {
      report_finding(std::string("a TraceError without the file and line: ") + e.what());
    }
  } catch (const std::exception& e) {
    report_finding(std::string("the reader threw an exception other than TraceError: ") + e.what());
  } catch (...) {
    report_finding("the reader threw something that is not a std::exception");
  }
  return 0;
}
