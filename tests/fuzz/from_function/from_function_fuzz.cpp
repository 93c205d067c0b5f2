// Fuzz target: the FromFunction reader (statefun::wire::parse_from_function), which the test
// kit, sft and the load engine run on every answer of a function service, and the FromFunction
// writers on what it read.
// Oracle: libprotobuf's generated parser (proto/sdk/request-reply.proto). The reader accepts
// exactly the bytes protobuf accepts and reads the same fields (the last oneof member wins and
// clears the other, repeated messages merge); append_invocation_result or
// append_incomplete_invocation_context writes what it read byte for byte as protobuf serializes
// the same message without its unknown fields.
#include <cstddef>
#include <cstdint>
#include <string>

#include <google/protobuf/stubs/logging.h>

#include <statefun/wire/from_function.hpp>
#include <statefun/wire/view_sources.hpp>

#include "fuzz_target.hpp"
#include "protobuf_oracle.hpp"

namespace {

using statefun::fuzz::report_finding;
using statefun::wire::FromFunctionView;

void check_writer(const FromFunctionView& view, const statefun::fuzz::pb::FromFunction& oracle) {
  std::string written;
  switch (view.kind) {
    case FromFunctionView::Kind::invocation_result:
      statefun::wire::append_invocation_result(written,
                                               statefun::wire::FromFunctionViewSource{view});
      break;
    case FromFunctionView::Kind::incomplete_invocation_context:
      statefun::wire::append_incomplete_invocation_context(
          written, statefun::wire::FromFunctionViewSource{view});
      break;
    case FromFunctionView::Kind::empty:
      return;  // no writer: an empty answer is no bytes
  }
  statefun::fuzz::pb::FromFunction known = oracle;
  known.DiscardUnknownFields();
  if (written != known.SerializeAsString()) {
    report_finding("the FromFunction writer writes other bytes than protobuf for what was read");
  }
}

}  // namespace

// NOLINTNEXTLINE(readability-identifier-naming): the name libFuzzer calls
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const google::protobuf::LogSilencer quiet;  // protobuf logs each invalid UTF-8 string
  static FromFunctionView view;  // reused, as the load engine's validator reuses its view
  statefun::fuzz::pb::FromFunction oracle;
  const bool protobuf_accepts = oracle.ParseFromArray(data, static_cast<int>(size));
  const bool valid =
      statefun::wire::parse_from_function(statefun::fuzz::bytes_of(data, size), view);
  if (valid != protobuf_accepts) {
    report_finding(valid ? "parse_from_function accepts bytes protobuf rejects"
                         : "parse_from_function rejects bytes protobuf accepts");
  }
  if (valid) {
    const std::string difference = statefun::fuzz::difference(view, oracle);
    if (!difference.empty()) {
      report_finding("parse_from_function reads other than protobuf: " + difference);
    }
    check_writer(view, oracle);
  }
  return 0;
}
