// RequestReplyHandler: the transport-free heart of the SDK, ToFunction bytes -> FromFunction bytes.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include <statefun/functions.hpp>

namespace statefun {

/// Bounds on one request, so that none costs much more memory or time than its bytes: a request
/// beyond one is answered errc::request_too_large (HTTP 413, with the bound in the reason)
/// before any function runs. A Statefun cluster sends at most its endpoint's
/// `maxNumBatchRequests` invocations per batch (1000 by default) and one state entry per
/// declared spec; keep these above what the cluster is configured to send.
struct RequestLimits {
  std::size_t max_invocations = 10'000;   ///< invocations in one batch
  std::size_t max_state_entries = 1'000;  ///< state entries attached to one batch
  std::size_t max_value_bytes = std::size_t{16} * 1024 * 1024;  ///< one argument or state value
};

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
  /// errc::malformed_request when the bytes are not a ToFunction, errc::request_too_large when
  /// they exceed `limits`, errc::unknown_function_type when nothing is bound to the target,
  /// errc::invalid_message when a function rejects its message (it threw
  /// errc::invalid_message, e.g. from Message::as), errc::function_failed when a function
  /// throws anything else. A failure fails the whole batch: no partial answer.
  std::string handle(std::string_view request, const RequestLimits& limits = {}) const;

  const StatefulFunctions& functions() const noexcept { return *functions_; }

 private:
  class Batch;  // one batch being handled (sdk/src/batch.hpp)

  std::shared_ptr<const StatefulFunctions> functions_;
};

}  // namespace statefun
