// Fuzz target: the SDK's request-reply handler (statefun::RequestReplyHandler::handle) serving
// the greeter's functions (examples/greeter: example/person and example/greeter), on raw
// ToFunction bytes as the server passes a request body.
// Oracle: it never crashes and answers either FromFunction bytes that libprotobuf and
// wire::parse_from_function both accept and read alike (empty for a request without a batch,
// else a result or a missing-state answer), or a statefun::Error of a code handle() documents:
// malformed_request when protobuf rejects the bytes (or an invocation's caller is not a valid
// address), else request_too_large, unknown_function_type, invalid_message or function_failed.
// Anything else thrown is a finding. Handling the same bytes again answers the same.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>
#include <utility>

#include <google/protobuf/stubs/logging.h>

#include <statefun/statefun.hpp>
#include <statefun/wire/from_function.hpp>

#include "fuzz_target.hpp"
#include "greeter.hpp"
#include "protobuf_oracle.hpp"

namespace {

using statefun::errc;
using statefun::fuzz::report_finding;

const statefun::RequestReplyHandler& greeter_handler() {
  static const statefun::RequestReplyHandler handler = [] {
    statefun::StatefulFunctions functions;
    greeter::bind_functions(functions);
    return statefun::RequestReplyHandler(std::move(functions));
  }();
  return handler;
}

/// What one handle() call answered: the reply, or the error's code and text.
struct Answer {
  bool failed = false;
  std::string reply;
  errc code{};
  std::string error;

  friend bool operator==(const Answer&, const Answer&) = default;
};

Answer handle(std::string_view request) {
  Answer answer;
  try {
    answer.reply = greeter_handler().handle(request);
  } catch (const statefun::Error& e) {
    answer = {true, {}, static_cast<errc>(e.code().value()), e.what()};
  } catch (const std::exception& e) {
    report_finding(std::string("handle() threw an exception that is not a statefun::Error: ") +
                   e.what());
  } catch (...) {
    report_finding("handle() threw something that is not a std::exception");
  }
  return answer;
}

void check_error(const Answer& answer, bool protobuf_accepts) {
  const errc code = answer.code;
  if (answer.error.empty()) {
    report_finding("an error without a text");
  }
  if (code == errc::malformed_request) {
    if (protobuf_accepts && !answer.error.starts_with("invalid caller")) {
      report_finding("malformed_request for bytes protobuf accepts: " + answer.error);
    }
    return;
  }
  const bool documented = code == errc::request_too_large || code == errc::unknown_function_type ||
                          code == errc::invalid_message || code == errc::function_failed;
  if (!documented || (!protobuf_accepts && code != errc::request_too_large)) {
    report_finding("undocumented error " + std::to_string(static_cast<int>(code)) + " (" +
                   answer.error + ") for bytes protobuf " +
                   (protobuf_accepts ? "accepts" : "rejects"));
  }
}

void check_reply(const std::string& reply, const statefun::fuzz::pb::ToFunction& request) {
  static statefun::wire::FromFunctionView view;
  statefun::fuzz::pb::FromFunction oracle;
  if (!oracle.ParseFromString(reply) || !statefun::wire::parse_from_function(reply, view)) {
    report_finding("the reply is not a valid FromFunction");
  }
  const std::string difference = statefun::fuzz::difference(view, oracle);
  if (!difference.empty()) {
    report_finding("protobuf and parse_from_function read the reply differently: " + difference);
  }
  const bool empty = view.kind == statefun::wire::FromFunctionView::Kind::empty;
  if (empty == request.has_invocation()) {
    report_finding(empty ? "an empty reply to a batch" : "a reply to a request without a batch");
  }
}

}  // namespace

// NOLINTNEXTLINE(readability-identifier-naming): the name libFuzzer calls
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const google::protobuf::LogSilencer quiet;  // protobuf logs each invalid UTF-8 string
  const std::string_view request = statefun::fuzz::bytes_of(data, size);
  statefun::fuzz::pb::ToFunction oracle;
  const bool protobuf_accepts = oracle.ParseFromArray(data, static_cast<int>(size));
  const Answer answer = handle(request);
  if (answer.failed) {
    check_error(answer, protobuf_accepts);
  } else if (!protobuf_accepts) {
    report_finding("a reply to bytes protobuf rejects");
  } else {
    check_reply(answer.reply, oracle);
  }
  if (!(handle(request) == answer)) {
    report_finding("the same request answered differently the second time");
  }
  return 0;
}
