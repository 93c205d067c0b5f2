#include "protobuf_oracle.hpp"

#include <cstddef>
#include <string_view>

namespace statefun::fuzz {

namespace {

/// Collects the first difference, with the path of the field.
class Comparison {
 public:
  template <typename A, typename B>
  void same(const std::string& field, const A& ours, const B& theirs) {
    if (result_.empty() && !(ours == theirs)) {
      result_ = field + " differs";
    }
  }

  void same_size(const std::string& field, std::size_t ours, int theirs) {
    if (result_.empty() && ours != static_cast<std::size_t>(theirs)) {
      result_ = field + ": " + std::to_string(ours) + " entries, protobuf reads " +
                std::to_string(theirs);
    }
  }

  void same(const std::string& field, const wire::AddressView& a, bool has, const pb::Address& b) {
    same(field + " presence", a.present, has);
    same(field + ".namespace", a.ns, b.namespace_());
    same(field + ".type", a.type, b.type());
    same(field + ".id", a.id, b.id());
  }

  void same(const std::string& field,
            const wire::TypedValueView& a,
            bool has,
            const pb::TypedValue& b) {
    same(field + " presence", a.present, has);
    same(field + ".typename", a.type_name, b.typename_());
    same(field + ".has_value", a.has_value, b.has_value());
    same(field + ".value", a.value, b.value());
  }

  std::string result() const { return result_; }

 private:
  std::string result_;
};

std::string at(const char* list, int i) {
  return std::string(list) + "[" + std::to_string(i) + "]";
}

void compare(Comparison& c,
             const wire::FromFunctionView& view,
             const pb::FromFunction::InvocationResponse& r) {
  c.same_size("mutations", view.mutations.size(), r.state_mutations_size());
  for (int i = 0; i < r.state_mutations_size() && c.result().empty(); ++i) {
    const auto& m = r.state_mutations(i);
    c.same(at("mutations", i) + ".type", view.mutations[i].mutation_type, m.mutation_type());
    c.same(at("mutations", i) + ".name", view.mutations[i].name, m.state_name());
    c.same(at("mutations", i) + ".value",
           view.mutations[i].value,
           m.has_state_value(),
           m.state_value());
  }
  c.same_size("messages", view.messages.size(), r.outgoing_messages_size());
  for (int i = 0; i < r.outgoing_messages_size() && c.result().empty(); ++i) {
    const auto& m = r.outgoing_messages(i);
    c.same(at("messages", i) + ".target", view.messages[i].target, m.has_target(), m.target());
    c.same(
        at("messages", i) + ".argument", view.messages[i].argument, m.has_argument(), m.argument());
  }
  c.same_size("delayed", view.delayed.size(), r.delayed_invocations_size());
  for (int i = 0; i < r.delayed_invocations_size() && c.result().empty(); ++i) {
    const auto& d = r.delayed_invocations(i);
    const wire::DelayedInvocationView& v = view.delayed[i];
    c.same(at("delayed", i) + ".delay", v.delay_ms, d.delay_in_ms());
    c.same(at("delayed", i) + ".is_cancellation", v.is_cancellation, d.is_cancellation_request());
    c.same(at("delayed", i) + ".token", v.cancellation_token, d.cancellation_token());
    c.same(at("delayed", i) + ".target", v.target, d.has_target(), d.target());
    c.same(at("delayed", i) + ".argument", v.argument, d.has_argument(), d.argument());
  }
  c.same_size("egress", view.egress.size(), r.outgoing_egresses_size());
  for (int i = 0; i < r.outgoing_egresses_size() && c.result().empty(); ++i) {
    const auto& e = r.outgoing_egresses(i);
    c.same(at("egress", i) + ".namespace", view.egress[i].egress_namespace, e.egress_namespace());
    c.same(at("egress", i) + ".type", view.egress[i].egress_type, e.egress_type());
    c.same(at("egress", i) + ".argument", view.egress[i].argument, e.has_argument(), e.argument());
  }
}

void compare(Comparison& c,
             const wire::FromFunctionView& view,
             const pb::FromFunction::IncompleteInvocationContext& context) {
  c.same_size("missing_values", view.missing_values.size(), context.missing_values_size());
  for (int i = 0; i < context.missing_values_size() && c.result().empty(); ++i) {
    const auto& m = context.missing_values(i);
    const wire::MissingValueView& v = view.missing_values[i];
    c.same(at("missing_values", i) + ".name", v.name, m.state_name());
    c.same(at("missing_values", i) + ".typename", v.type_name, m.type_typename());
    c.same(at("missing_values", i) + ".expiration presence",
           v.expiration.present,
           m.has_expiration_spec());
    c.same(at("missing_values", i) + ".mode", v.expiration.mode, m.expiration_spec().mode());
    c.same(at("missing_values", i) + ".expire_after",
           v.expiration.expire_after_ms,
           m.expiration_spec().expire_after_millis());
  }
}

}  // namespace

std::string difference(const wire::ToFunctionView& view, const pb::ToFunction& message) {
  Comparison c;
  c.same("has batch", view.has_batch, message.has_invocation());
  const pb::ToFunction::InvocationBatchRequest& batch = message.invocation();
  c.same("target", view.target, batch.has_target(), batch.target());
  c.same_size("state", view.state.size(), batch.state_size());
  for (int i = 0; i < batch.state_size() && c.result().empty(); ++i) {
    c.same(at("state", i) + ".name", view.state[i].name, batch.state(i).state_name());
    c.same(at("state", i) + ".value",
           view.state[i].value,
           batch.state(i).has_state_value(),
           batch.state(i).state_value());
  }
  c.same_size("invocations", view.invocations.size(), batch.invocations_size());
  for (int i = 0; i < batch.invocations_size() && c.result().empty(); ++i) {
    const pb::ToFunction::Invocation& invocation = batch.invocations(i);
    c.same(at("invocations", i) + ".caller",
           view.invocations[i].caller,
           invocation.has_caller(),
           invocation.caller());
    c.same(at("invocations", i) + ".argument",
           view.invocations[i].argument,
           invocation.has_argument(),
           invocation.argument());
  }
  return c.result();
}

std::string difference(const wire::FromFunctionView& view, const pb::FromFunction& message) {
  using Kind = wire::FromFunctionView::Kind;
  Comparison c;
  if (message.has_invocation_result()) {
    c.same("kind (invocation_result)", view.kind, Kind::invocation_result);
    compare(c, view, message.invocation_result());
  } else if (message.has_incomplete_invocation_context()) {
    c.same("kind (incomplete_invocation_context)", view.kind, Kind::incomplete_invocation_context);
    compare(c, view, message.incomplete_invocation_context());
  } else {
    c.same("kind (empty)", view.kind, Kind::empty);
  }
  return c.result();
}

}  // namespace statefun::fuzz
