// The request-reply handler: ToFunction bytes in, FromFunction bytes out (PROTOCOL.md 2.1-2.4).
#include <array>
#include <cstddef>

#include <google/protobuf/arena.h>

#include <statefun/error.hpp>
#include <statefun/handler.hpp>

#include "sdk/request-reply.pb.h"

namespace statefun {

namespace {

namespace pb = io::statefun::sdk::reqreply;
using google::protobuf::Arena;
using google::protobuf::RepeatedPtrField;

/// An arena whose first block is a reused per-thread buffer, so that a typical request
/// allocates nothing from the heap for its protobuf messages.
class RequestArena {
 public:
  RequestArena() : arena_(options()) {}

  ~RequestArena() { in_use() = false; }

  RequestArena(const RequestArena&) = delete;
  RequestArena& operator=(const RequestArena&) = delete;

  Arena& get() noexcept { return arena_; }

 private:
  static constexpr std::size_t kBlockBytes = 16 * 1024;

  static bool& in_use() {
    thread_local bool flag = false;
    return flag;
  }

  static google::protobuf::ArenaOptions options() {
    thread_local std::array<char, kBlockBytes> block{};
    google::protobuf::ArenaOptions result;
    if (!in_use()) {  // a nested handle() on this thread gets a plain arena
      in_use() = true;
      result.initial_block = block.data();
      result.initial_block_size = block.size();
    }
    return result;
  }

  Arena arena_;
};

pb::FromFunction::ExpirationSpec::ExpireMode to_wire(Expiration::Mode mode) {
  switch (mode) {
    case Expiration::Mode::after_write:
      return pb::FromFunction::ExpirationSpec::AFTER_WRITE;
    case Expiration::Mode::after_call:
      return pb::FromFunction::ExpirationSpec::AFTER_INVOKE;
    case Expiration::Mode::none:
      break;
  }
  return pb::FromFunction::ExpirationSpec::NONE;
}

void set_address(pb::Address& out, const Address& address) {
  out.set_namespace_(std::string(address.type.ns()));
  out.set_type(std::string(address.type.name()));
  out.set_id(address.id);
}

void set_value(pb::TypedValue& out, const TypedValue& value) {
  out.set_typename_(value.type_name);
  out.set_has_value(value.has_value);
  out.set_value(value.value);
}

TypedValue from_wire(const pb::TypedValue& value) {
  return TypedValue{value.typename_(), value.has_value(), value.value()};
}

/// The state cells for `function`, seeded from the request; the names of missing specs are
/// reported through `missing` in declaration order.
std::vector<detail::StateCell> resolve_state(
    const StatefulFunctionSpec& function,
    const RepeatedPtrField<pb::ToFunction::PersistedValue>& state,
    std::vector<const ValueSpecBase*>& missing) {
  std::vector<detail::StateCell> cells;
  cells.reserve(function.value_specs.size());
  for (const auto& spec : function.value_specs) {
    const pb::ToFunction::PersistedValue* found = nullptr;
    for (const auto& value : state) {  // the last entry of a name wins, as a map would have it
      if (value.state_name() == spec.name()) {
        found = &value;
      }
    }
    if (found == nullptr) {
      missing.push_back(&spec);
      continue;
    }
    detail::StateCell& c = cells.emplace_back();
    c.spec = &spec;
    if (found->has_state_value() && found->state_value().has_value()) {
      c.has_value = true;
      c.value = found->state_value().value();
      if (found->state_value().typename_() != spec.type_name().str()) {
        c.mismatched_type_name = found->state_value().typename_();
      }
    }
  }
  return cells;
}

void reply_missing_state(const std::vector<const ValueSpecBase*>& missing, pb::FromFunction& out) {
  auto* context = out.mutable_incomplete_invocation_context();
  for (const ValueSpecBase* spec : missing) {
    auto* value = context->add_missing_values();
    value->set_state_name(spec->name());
    value->set_type_typename(spec->type_name().str());
    auto* expiration = value->mutable_expiration_spec();
    expiration->set_mode(to_wire(spec->expiration().mode));
    expiration->set_expire_after_millis(spec->expiration().duration.count());
  }
}

std::optional<Address> caller_of(const pb::ToFunction::Invocation& invocation) {
  if (!invocation.has_caller()) {
    return std::nullopt;
  }
  const auto& caller = invocation.caller();
  if (caller.namespace_().empty() && caller.type().empty() && caller.id().empty()) {
    return std::nullopt;
  }
  try {
    return Address(TypeName(caller.namespace_(), caller.type()), caller.id());
  } catch (const Error& e) {
    throw Error(errc::malformed_request, std::string("invalid caller: ") + e.what());
  }
}

void reply_effects(const detail::Effects& effects,
                   const Storage& storage,
                   pb::FromFunction::InvocationResponse& out) {
  for (const Message& message : effects.messages) {
    auto* sent = out.add_outgoing_messages();
    set_address(*sent->mutable_target(), message.target());
    set_value(*sent->mutable_argument(), message.typed_value());
  }
  for (const DelayedMessage& delayed : effects.delayed) {
    auto* sent = out.add_delayed_invocations();
    sent->set_is_cancellation_request(delayed.is_cancellation);
    sent->set_cancellation_token(delayed.cancellation_token);
    if (delayed.message) {
      sent->set_delay_in_ms(delayed.delay.count());
      set_address(*sent->mutable_target(), delayed.message->target());
      set_value(*sent->mutable_argument(), delayed.message->typed_value());
    }
  }
  for (const EgressMessage& egress : effects.egress) {
    auto* sent = out.add_outgoing_egresses();
    sent->set_egress_namespace(std::string(egress.egress.ns()));
    sent->set_egress_type(std::string(egress.egress.name()));
    set_value(*sent->mutable_argument(), egress.value);
  }
  for (const detail::StateCell& c : storage.cells()) {
    if (!c.dirty) {
      continue;
    }
    auto* mutation = out.add_state_mutations();
    mutation->set_state_name(c.spec->name());
    if (c.has_value) {
      mutation->set_mutation_type(pb::FromFunction::PersistedValueMutation::MODIFY);
      set_value(*mutation->mutable_state_value(),
                TypedValue{c.spec->type_name().str(), true, c.value});
    } else {
      mutation->set_mutation_type(pb::FromFunction::PersistedValueMutation::DELETE);
    }
  }
}

void invoke(const StatefulFunctionSpec& function,
            const Address& self,
            const pb::ToFunction::Invocation& invocation,
            Context& context) {
  context.set_caller(caller_of(invocation));
  const Message message(self, from_wire(invocation.argument()));
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

void run_batch(const StatefulFunctionSpec& function,
               const pb::ToFunction::InvocationBatchRequest& batch,
               std::vector<detail::StateCell> cells,
               pb::FromFunction& out) {
  const auto& target = batch.target();
  const Address self(function.type, target.id());
  Storage storage(std::move(cells));
  detail::Effects effects;
  Context context(self, storage, effects);
  for (const auto& invocation : batch.invocations()) {
    invoke(function, self, invocation, context);
  }
  reply_effects(effects, storage, *out.mutable_invocation_result());
}

}  // namespace

RequestReplyHandler::RequestReplyHandler(StatefulFunctions functions)
    : functions_(std::make_shared<const StatefulFunctions>(std::move(functions))) {}

std::string RequestReplyHandler::handle(std::string_view request) const {
  RequestArena arena;
  auto* to_function = Arena::CreateMessage<pb::ToFunction>(&arena.get());
  if (!to_function->ParseFromArray(request.data(), static_cast<int>(request.size()))) {
    throw Error(errc::malformed_request, "the request body is not a valid ToFunction message");
  }
  auto* from_function = Arena::CreateMessage<pb::FromFunction>(&arena.get());
  if (to_function->has_invocation()) {  // no invocation: a valid request with no effects
    const auto& batch = to_function->invocation();
    const auto& target = batch.target();
    const StatefulFunctionSpec* function = functions_->find(target.namespace_(), target.type());
    if (function == nullptr) {
      throw Error(errc::unknown_function_type,
                  "unknown function type " + target.namespace_() + "/" + target.type());
    }
    std::vector<const ValueSpecBase*> missing;
    auto cells = resolve_state(*function, batch.state(), missing);
    if (!missing.empty()) {
      reply_missing_state(missing, *from_function);
    } else {
      run_batch(*function, batch, std::move(cells), *from_function);
    }
  }
  std::string reply;
  from_function->SerializeToString(&reply);
  return reply;
}

}  // namespace statefun
