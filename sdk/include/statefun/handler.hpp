// RequestReplyHandler: the transport-free heart of the SDK, ToFunction bytes -> FromFunction bytes.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <statefun/functions.hpp>

namespace statefun {

/// Handles one request as the official SDKs do: resolves the declared state (answering
/// IncompleteInvocationContext, without running any code, when a spec is missing), runs the
/// batch in order over one storage, and answers the effects: messages, delayed messages,
/// egress, then the mutations of the values that were written or removed.
///
/// Thread-safe: one handler serves any number of threads.
///
/// Example:
///   RequestReplyHandler handler(std::move(functions));
///   std::string reply = handler.handle(request_bytes);
class RequestReplyHandler {
 public:
  explicit RequestReplyHandler(StatefulFunctions functions);

  /// The FromFunction bytes for the ToFunction in `request`. Throws statefun::Error with
  /// errc::malformed_request when the bytes are not a ToFunction, errc::unknown_function_type
  /// when nothing is bound to the target, errc::invalid_message when a function rejects its
  /// message (it threw errc::invalid_message, e.g. from Message::as), errc::function_failed when
  /// a function throws anything else. A failure fails the whole batch: no partial answer.
  std::string handle(std::string_view request) const;

  const StatefulFunctions& functions() const noexcept { return *functions_; }

 private:
  class Batch;  // one batch being handled (sdk/src/batch.hpp)

  std::shared_ptr<const StatefulFunctions> functions_;
};

}  // namespace statefun
