// The request-reply handler: ToFunction bytes in, FromFunction bytes out (PROTOCOL.md 2.1-2.4).
// The request is read in place and the reply written directly (statefun::wire): no protobuf
// objects.
#include <utility>

#include <statefun/error.hpp>
#include <statefun/handler.hpp>
#include <statefun/wire/to_function.hpp>

#include "batch_reply.hpp"

namespace statefun {

namespace {

using wire::AddressView;
using wire::InvocationView;
using wire::ToFunctionView;
using wire::TypedValueView;

/// A per-thread ToFunctionView whose vectors keep their capacity between requests. A nested
/// handle() on the same thread (a function calling a handler) gets a fresh one.
class ScratchRequest {
 public:
  ScratchRequest() : view_(claim() ? &shared() : &own_) {}

  ~ScratchRequest() {
    if (view_ == &shared())
      in_use() = false;
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

TypedValue to_value(const TypedValueView& v) {
  return TypedValue{std::string(v.type_name), v.has_value, std::string(v.value)};
}

/// The state cells for `function`, seeded from the request; the specs the request lacks are
/// reported through `missing`, in declaration order.
std::vector<detail::StateCell> resolve_state(const StatefulFunctionSpec& function,
                                             const ToFunctionView& request,
                                             std::vector<const ValueSpecBase*>& missing) {
  std::vector<detail::StateCell> cells;
  cells.reserve(function.value_specs.size());
  for (const auto& spec : function.value_specs) {
    const wire::StateView* found = nullptr;
    for (const auto& state : request.state) {  // the last entry of a name wins, as in a map
      if (state.name == spec.name()) {
        found = &state;
      }
    }
    if (found == nullptr) {
      missing.push_back(&spec);
      continue;
    }
    detail::StateCell& c = cells.emplace_back();
    c.spec = &spec;
    if (found->value.present && found->value.has_value) {
      c.has_value = true;
      c.value = found->value.value;
      if (found->value.type_name != spec.type_name().str()) {
        c.mismatched_type_name = found->value.type_name;
      }
    }
  }
  return cells;
}

/// The caller of an invocation: none when absent or all empty (ingress), as the SDKs read it.
std::optional<Address> caller_of(const InvocationView& invocation) {
  const AddressView& caller = invocation.caller;
  if (!caller.present || (caller.ns.empty() && caller.type.empty() && caller.id.empty())) {
    return std::nullopt;
  }
  try {
    return Address(TypeName(caller.ns, caller.type), std::string(caller.id));
  } catch (const Error& e) {
    throw Error(errc::malformed_request, std::string("invalid caller: ") + e.what());
  }
}

void invoke(const StatefulFunctionSpec& function,
            const Address& self,
            const InvocationView& invocation,
            Context& context) {
  context.set_caller(caller_of(invocation));
  const Message message(self, to_value(invocation.argument));
  try {
    function.function(context, message);
  } catch (const Error& e) {
    if (e.code() == errc::invalid_message) {
      throw Error(errc::invalid_message,
                  "function " + self.str() + " rejected its message: " + std::string(e.what()));
    }
    throw Error(errc::function_failed, "function " + self.str() + " failed: " + e.what());
  } catch (const std::exception& e) {
    throw Error(errc::function_failed, "function " + self.str() + " failed: " + e.what());
  } catch (...) {
    throw Error(errc::function_failed, "function " + self.str() + " failed: unknown exception");
  }
}

std::string run_batch(const StatefulFunctionSpec& function,
                      const ToFunctionView& request,
                      std::vector<detail::StateCell> cells) {
  const Address self(function.type, std::string(request.target.id));
  Storage storage(std::move(cells));
  detail::Effects effects;
  Context context(self, storage, effects);
  for (const auto& invocation : request.invocations) {
    invoke(function, self, invocation, context);
  }
  return detail::write_invocation_result(effects, storage);
}

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
  std::vector<const ValueSpecBase*> missing;
  auto cells = resolve_state(*function, view, missing);
  if (!missing.empty()) {
    return detail::write_missing_state(missing);
  }
  return run_batch(*function, view, std::move(cells));
}

}  // namespace statefun
