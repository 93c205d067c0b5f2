// The request-reply handler: ToFunction bytes in, FromFunction bytes out (PROTOCOL.md 2.1-2.4).
// The request is read in place and the reply written directly (statefun::wire): no protobuf
// objects.
#include <utility>

#include <statefun/error.hpp>
#include <statefun/handler.hpp>
#include <statefun/wire/to_function.hpp>

#include "batch.hpp"

namespace statefun {

namespace {

using wire::AddressView;
using wire::ToFunctionView;

/// A per-thread ToFunctionView whose vectors keep their capacity between requests. A nested
/// handle() on the same thread (a function calling a handler) gets a fresh one.
class ScratchRequest {
 public:
  ScratchRequest() : view_(claim() ? &shared() : &own_) {}

  ~ScratchRequest() {
    if (view_ == &shared()) {
      in_use() = false;
    }
  }

  ScratchRequest(const ScratchRequest&) = delete;
  ScratchRequest& operator=(const ScratchRequest&) = delete;

  ToFunctionView& get() noexcept { return *view_; }

 private:
  static ToFunctionView& shared() {
    thread_local ToFunctionView view;
    return view;
  }

  static bool& in_use() {
    thread_local bool flag = false;
    return flag;
  }

  static bool claim() { return !std::exchange(in_use(), true); }

  ToFunctionView own_;
  ToFunctionView* view_;
};

}  // namespace

RequestReplyHandler::RequestReplyHandler(StatefulFunctions functions)
    : functions_(std::make_shared<const StatefulFunctions>(std::move(functions))) {}

std::string RequestReplyHandler::handle(std::string_view request) const {
  ScratchRequest scratch;
  ToFunctionView& view = scratch.get();
  if (!wire::parse_to_function(request, view)) {
    throw Error(errc::malformed_request, "the request body is not a valid ToFunction message");
  }
  if (!view.has_batch) {
    return {};  // a valid request with no invocation: no effects (an empty FromFunction)
  }
  const AddressView& target = view.target;
  const StatefulFunctionSpec* function = functions_->find(target.ns, target.type);
  if (function == nullptr) {
    throw Error(errc::unknown_function_type,
                "unknown function type " + std::string(target.ns) + "/" + std::string(target.type));
  }
  return Batch(*function, view).run();
}

}  // namespace statefun
