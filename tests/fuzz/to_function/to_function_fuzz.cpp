// Fuzz target: the ToFunction reader (statefun::wire::parse_to_function), which the SDK's handler
// runs on every request body, and the ToFunction writer on what it read.
// Oracle: libprotobuf's generated parser (proto/sdk/request-reply.proto). The reader accepts
// exactly the bytes protobuf accepts (strings valid UTF-8, unknown fields and groups skipped)
// and reads the same fields (the last scalar wins, repeated messages merge); within limits it
// answers ok exactly when the unlimited reading is ok and the counts fit, else the bound that was
// exceeded (or malformed, if reading stopped at bad bytes); and append_to_function writes what
// it read byte for byte as protobuf serializes the same message without its unknown fields.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <google/protobuf/stubs/logging.h>

#include <statefun/wire/to_function.hpp>
#include <statefun/wire/view_sources.hpp>

#include "fuzz_target.hpp"
#include "protobuf_oracle.hpp"

namespace {

using statefun::fuzz::report_finding;
using statefun::wire::ToFunctionParse;
using statefun::wire::ToFunctionView;

constexpr statefun::wire::ToFunctionLimits kSmallLimits{.max_invocations = 2,
                                                        .max_state_entries = 2};

/// What parse_to_function must answer within kSmallLimits, given the unlimited reading.
bool limited_answer_fits(ToFunctionParse limited, bool valid, const ToFunctionView& full) {
  const bool too_many_invocations = full.invocations.size() > kSmallLimits.max_invocations;
  const bool too_many_states = full.state.size() > kSmallLimits.max_state_entries;
  switch (limited) {
    case ToFunctionParse::ok:
      return valid && !too_many_invocations && !too_many_states;
    case ToFunctionParse::malformed:
      return !valid;
    case ToFunctionParse::too_many_invocations:
      return !valid || too_many_invocations;
    case ToFunctionParse::too_many_state_entries:
      return !valid || too_many_states;
  }
  return false;
}

void check_writer(const ToFunctionView& view, const statefun::fuzz::pb::ToFunction& oracle) {
  if (!view.has_batch) {
    return;  // the writer always writes a batch
  }
  statefun::fuzz::pb::ToFunction known = oracle;
  known.DiscardUnknownFields();
  std::string written;
  statefun::wire::append_to_function(written, statefun::wire::ToFunctionViewSource{view});
  if (written != known.SerializeAsString()) {
    report_finding("append_to_function writes other bytes than protobuf for what was read");
  }
}

}  // namespace

// NOLINTNEXTLINE(readability-identifier-naming): the name libFuzzer calls
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const google::protobuf::LogSilencer quiet;  // protobuf logs each invalid UTF-8 string
  static ToFunctionView view;  // reused, as the handler reuses its per-thread view
  static ToFunctionView limited_view;
  const std::string_view bytes = statefun::fuzz::bytes_of(data, size);
  statefun::fuzz::pb::ToFunction oracle;
  const bool protobuf_accepts = oracle.ParseFromArray(data, static_cast<int>(size));
  const bool valid = statefun::wire::parse_to_function(bytes, view);
  if (valid != protobuf_accepts) {
    report_finding(valid ? "parse_to_function accepts bytes protobuf rejects"
                         : "parse_to_function rejects bytes protobuf accepts");
  }
  if (valid) {
    const std::string difference = statefun::fuzz::difference(view, oracle);
    if (!difference.empty()) {
      report_finding("parse_to_function reads other than protobuf: " + difference);
    }
    check_writer(view, oracle);
  }
  const ToFunctionParse limited =
      statefun::wire::parse_to_function(bytes, limited_view, kSmallLimits);
  if (!limited_answer_fits(limited, valid, view)) {
    report_finding("parse_to_function within limits answers " +
                   std::to_string(static_cast<int>(limited)) + " for " +
                   std::to_string(view.invocations.size()) + " invocations and " +
                   std::to_string(view.state.size()) + " state entries");
  }
  return 0;
}
