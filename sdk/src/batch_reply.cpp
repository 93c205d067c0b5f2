#include "batch_reply.hpp"

#include <statefun/wire/from_function.hpp>

namespace statefun::detail {

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

/// What a batch did, as the wire writer's source.
struct EffectsSource {
  const Effects& effects;
  const Storage& storage;

  template <typename F>
  void for_each_mutation(F f) const {
    for (const StateCell& c : storage.cells()) {
      if (!c.dirty) {
        continue;
      }
      wire::MutationView m{c.has_value ? wire::kModify : wire::kDelete, c.spec->name(), {}};
      if (c.has_value) {
        m.value = {c.spec->type_name().str(), true, c.value, true};
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

std::string write_invocation_result(const Effects& effects, const Storage& storage) {
  std::string out;
  wire::append_invocation_result(out, EffectsSource{effects, storage});
  return out;
}

std::string write_missing_state(const std::vector<const ValueSpecBase*>& missing) {
  std::string out;
  wire::append_incomplete_invocation_context(out, MissingSource{missing});
  return out;
}

}  // namespace statefun::detail
