#include "batch.hpp"

#include <cstdint>
#include <exception>
#include <optional>
#include <utility>

#include <statefun/error.hpp>
#include <statefun/wire/from_function.hpp>

namespace statefun {

namespace {

// Expiration::Mode is written as its wire value (ExpireMode NONE, AFTER_WRITE, AFTER_INVOKE).
static_assert(static_cast<int>(Expiration::Mode::none) == wire::kExpireNone);
static_assert(static_cast<int>(Expiration::Mode::after_write) == wire::kExpireAfterWrite);
static_assert(static_cast<int>(Expiration::Mode::after_call) == wire::kExpireAfterInvoke);

wire::AddressView view(const Address& a) {
  return {a.type.ns(), a.type.name(), a.id, true};
}

wire::TypedValueView view(const TypedValue& v) {
  return {v.type_name, v.has_value, v.value, true};
}

TypedValue to_value(const wire::TypedValueView& v) {
  return TypedValue{std::string(v.type_name), v.has_value, std::string(v.value)};
}

/// The caller of an invocation: none when absent or all empty (ingress), as the SDKs read it.
std::optional<Address> caller_of(const wire::InvocationView& invocation) {
  const wire::AddressView& caller = invocation.caller;
  if (!caller.present || (caller.ns.empty() && caller.type.empty() && caller.id.empty())) {
    return std::nullopt;
  }
  try {
    return Address(TypeName(caller.ns, caller.type), std::string(caller.id));
  } catch (const Error& e) {
    throw Error(errc::malformed_request, std::string("invalid caller: ") + e.what());
  }
}

/// What a batch sent, as the wire writer's source. A template because Context::Effects and
/// Storage::Cell are private: only the Batch names them.
template <typename Effects, typename Cells>
struct ResultSource {
  const Effects& effects;
  const Cells& cells;

  template <typename F>
  void for_each_mutation(F f) const {
    for (const auto& c : cells) {
      if (!c.dirty) {
        continue;
      }
      wire::MutationView m{c.value ? wire::kModify : wire::kDelete, c.spec->name(), {}};
      if (c.value) {
        m.value = {c.spec->type_name().str(), true, *c.value, true};
      }
      f(m);
    }
  }

  template <typename F>
  void for_each_message(F f) const {
    for (const Message& m : effects.messages) {
      f(wire::OutgoingMessageView{view(m.target()), view(m.typed_value())});
    }
  }

  template <typename F>
  void for_each_delayed(F f) const {
    for (const DelayedMessage& d : effects.delayed) {
      wire::DelayedInvocationView out;
      out.is_cancellation = d.is_cancellation;
      out.cancellation_token = d.cancellation_token;
      if (d.message) {
        out.delay_ms = d.delay.count();
        out.target = view(d.message->target());
        out.argument = view(d.message->typed_value());
      }
      f(out);
    }
  }

  template <typename F>
  void for_each_egress(F f) const {
    for (const EgressMessage& e : effects.egress) {
      f(wire::EgressMessageView{e.egress.ns(), e.egress.name(), view(e.value)});
    }
  }
};

struct MissingSource {
  const std::vector<const ValueSpecBase*>& missing;

  template <typename F>
  void for_each_missing(F f) const {
    for (const ValueSpecBase* spec : missing) {
      const Expiration& e = spec->expiration();
      f(wire::MissingValueView{spec->name(),
                               {static_cast<std::int32_t>(e.mode), e.duration.count(), true},
                               spec->type_name().str()});
    }
  }
};

}  // namespace

RequestReplyHandler::Batch::Batch(const StatefulFunctionSpec& function,
                                  const wire::ToFunctionView& request)
    : function_(function), request_(request) {}

std::string RequestReplyHandler::Batch::run() {
  resolve_state();
  if (!missing_.empty()) {
    return write_missing_state();
  }
  const Address self(function_.type, std::string(request_.target.id));
  Storage storage(std::move(cells_));
  Context::Effects effects;
  Context context(self, storage, effects);
  for (const wire::InvocationView& invocation : request_.invocations) {
    context.set_caller(caller_of(invocation));
    invoke(invocation, context);
  }
  return write_result(effects, storage);
}

void RequestReplyHandler::Batch::resolve_state() {
  cells_.reserve(function_.value_specs.size());
  for (const ValueSpecBase& spec : function_.value_specs) {
    const wire::StateView* found = nullptr;
    for (const wire::StateView& state : request_.state) {  // the last of a name wins, as in a map
      if (state.name == spec.name()) {
        found = &state;
      }
    }
    if (found == nullptr) {
      missing_.push_back(&spec);
      continue;
    }
    Storage::Cell& c = cells_.emplace_back();
    c.spec = &spec;
    if (found->value.present && found->value.has_value) {
      c.value.emplace(found->value.value);
      if (found->value.type_name != spec.type_name().str()) {
        c.foreign_type_name.emplace(found->value.type_name);
      }
    }
  }
}

void RequestReplyHandler::Batch::invoke(const wire::InvocationView& invocation,
                                        Context& context) const {
  const Address& self = context.self();
  const Message message(self, to_value(invocation.argument));
  try {
    function_.function(context, message);
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

std::string RequestReplyHandler::Batch::write_result(const Context::Effects& effects,
                                                     const Storage& storage) {
  std::string out;
  wire::append_invocation_result(
      out, ResultSource<Context::Effects, std::vector<Storage::Cell>>{effects, storage.cells_});
  return out;
}

std::string RequestReplyHandler::Batch::write_missing_state() const {
  std::string out;
  wire::append_incomplete_invocation_context(out, MissingSource{missing_});
  return out;
}

}  // namespace statefun
