// The request-reply handler: ToFunction bytes in, FromFunction bytes out (PROTOCOL.md 2.1-2.4).
// The request is read in place and the reply written directly (statefun::wire): no protobuf
// objects.
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include <statefun/error.hpp>
#include <statefun/handler.hpp>
#include <statefun/wire/to_function.hpp>

#include "batch.hpp"

namespace statefun {

namespace {

using wire::AddressView;
using wire::ToFunctionView;

/// Room a thread's scratch request keeps between requests: ordinary batches reuse it without
/// allocating; the room a larger one took is freed after it.
constexpr std::size_t kKeptInvocations = 1024;
constexpr std::size_t kKeptStateEntries = 256;

/// A per-thread ToFunctionView whose vectors keep their capacity between requests, up to the
/// kept room. A nested handle() on the same thread (a function calling a handler) gets a fresh
/// one.
class ScratchRequest {
 public:
  ScratchRequest() : view_(claim() ? &shared() : &own_) {}

  ~ScratchRequest() {
    if (view_ == &shared()) {
      release_large(*view_);
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

  static void release_large(ToFunctionView& view) noexcept {
    if (view.invocations.capacity() > kKeptInvocations) {
      std::vector<wire::InvocationView>().swap(view.invocations);
    }
    if (view.state.capacity() > kKeptStateEntries) {
      std::vector<wire::StateView>().swap(view.state);
    }
  }

  ToFunctionView own_;
  ToFunctionView* view_;
};

/// Reads the request within the count limits; throws what handle() documents.
void parse_within(std::string_view request, const RequestLimits& limits, ToFunctionView& view) {
  using wire::ToFunctionParse;
  const wire::ToFunctionLimits counts{.max_invocations = limits.max_invocations,
                                      .max_state_entries = limits.max_state_entries};
  switch (wire::parse_to_function(request, view, counts)) {
    case ToFunctionParse::ok:
      return;
    case ToFunctionParse::malformed:
      throw Error(errc::malformed_request, "the request body is not a valid ToFunction message");
    case ToFunctionParse::too_many_invocations:
      throw Error(errc::request_too_large,
                  "the batch has more than " + std::to_string(limits.max_invocations) +
                      " invocations (RequestLimits::max_invocations)");
    case ToFunctionParse::too_many_state_entries:
      throw Error(errc::request_too_large,
                  "the batch has more than " + std::to_string(limits.max_state_entries) +
                      " state entries (RequestLimits::max_state_entries)");
  }
}

[[noreturn]] void value_too_large(const std::string& what, std::size_t size, std::size_t max) {
  throw Error(errc::request_too_large,
              what + " has " + std::to_string(size) + " bytes, more than " + std::to_string(max) +
                  " (RequestLimits::max_value_bytes)");
}

/// Refuses an argument or state value larger than limits.max_value_bytes.
void check_value_sizes(const ToFunctionView& view, const RequestLimits& limits) {
  const std::size_t max = limits.max_value_bytes;
  for (const wire::StateView& state : view.state) {
    if (state.value.value.size() > max) {
      value_too_large(
          "the value of state \"" + std::string(state.name) + "\"", state.value.value.size(), max);
    }
  }
  for (std::size_t i = 0; i < view.invocations.size(); ++i) {
    if (view.invocations[i].argument.value.size() > max) {
      value_too_large("the argument of invocation " + std::to_string(i + 1),
                      view.invocations[i].argument.value.size(),
                      max);
    }
  }
}

}  // namespace

RequestReplyHandler::RequestReplyHandler(StatefulFunctions functions)
    : functions_(std::make_shared<const StatefulFunctions>(std::move(functions))) {}

std::string RequestReplyHandler::handle(std::string_view request,
                                        const RequestLimits& limits) const {
  ScratchRequest scratch;
  ToFunctionView& view = scratch.get();
  parse_within(request, limits, view);
  check_value_sizes(view, limits);
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
