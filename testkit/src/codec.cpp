// Request <-> ToFunction and Response <-> FromFunction, through the generated protobuf code.
#include <statefun/error.hpp>
#include <statefun/testkit/request.hpp>
#include <statefun/testkit/response.hpp>

#include "sdk/request-reply.pb.h"

namespace statefun::testkit {

namespace {

namespace pb = io::statefun::sdk::reqreply;
using FromFn = pb::FromFunction;

void put(pb::Address& out, const Address& address) {
  out.set_namespace_(std::string(address.type.ns()));
  out.set_type(std::string(address.type.name()));
  out.set_id(address.id);
}

void put(pb::TypedValue& out, const TypedValue& value) {
  out.set_typename_(value.type_name);
  out.set_has_value(value.has_value);
  out.set_value(value.value);
}

TypedValue get(const pb::TypedValue& value) {
  return TypedValue{value.typename_(), value.has_value(), value.value()};
}

Address get(const pb::Address& address, errc error) {
  try {
    return Address(TypeName(address.namespace_(), address.type()), address.id());
  } catch (const Error& e) {
    throw Error(error, std::string("invalid address: ") + e.what());
  }
}

FromFn::ExpirationSpec::ExpireMode to_wire(Expiration::Mode mode) {
  switch (mode) {
    case Expiration::Mode::after_write:
      return FromFn::ExpirationSpec::AFTER_WRITE;
    case Expiration::Mode::after_call:
      return FromFn::ExpirationSpec::AFTER_INVOKE;
    case Expiration::Mode::none:
      break;
  }
  return FromFn::ExpirationSpec::NONE;
}

Expiration::Mode from_wire(FromFn::ExpirationSpec::ExpireMode mode) {
  switch (mode) {
    case FromFn::ExpirationSpec::AFTER_WRITE:
      return Expiration::Mode::after_write;
    case FromFn::ExpirationSpec::AFTER_INVOKE:
      return Expiration::Mode::after_call;
    default:
      return Expiration::Mode::none;
  }
}

void put_result(FromFn::InvocationResponse& out, const Response& response) {
  for (const auto& m : response.messages) {
    auto* sent = out.add_outgoing_messages();
    put(*sent->mutable_target(), m.target);
    put(*sent->mutable_argument(), m.argument);
  }
  for (const auto& d : response.delayed) {
    auto* sent = out.add_delayed_invocations();
    sent->set_delay_in_ms(d.delay_ms);
    sent->set_is_cancellation_request(d.is_cancellation);
    sent->set_cancellation_token(d.cancellation_token);
    if (d.target) {
      put(*sent->mutable_target(), *d.target);
    }
    if (d.argument) {
      put(*sent->mutable_argument(), *d.argument);
    }
  }
  for (const auto& e : response.egress) {
    auto* sent = out.add_outgoing_egresses();
    const TypeName egress(e.egress);
    sent->set_egress_namespace(std::string(egress.ns()));
    sent->set_egress_type(std::string(egress.name()));
    put(*sent->mutable_argument(), e.argument);
  }
  for (const auto& m : response.mutations) {
    auto* mutation = out.add_state_mutations();
    mutation->set_state_name(m.name);
    mutation->set_mutation_type(m.kind == StateMutation::Kind::modify
                                    ? FromFn::PersistedValueMutation::MODIFY
                                    : FromFn::PersistedValueMutation::DELETE);
    if (m.value) {
      put(*mutation->mutable_state_value(), *m.value);
    }
  }
}

void get_result(const FromFn::InvocationResponse& in, Response& response) {
  for (const auto& m : in.outgoing_messages()) {
    response.messages.push_back({get(m.target(), errc::invalid_value), get(m.argument())});
  }
  for (const auto& d : in.delayed_invocations()) {
    SentDelayedMessage delayed;
    delayed.delay_ms = d.delay_in_ms();
    delayed.is_cancellation = d.is_cancellation_request();
    delayed.cancellation_token = d.cancellation_token();
    if (d.has_target()) {
      delayed.target = get(d.target(), errc::invalid_value);
    }
    if (d.has_argument()) {
      delayed.argument = get(d.argument());
    }
    response.delayed.push_back(std::move(delayed));
  }
  for (const auto& e : in.outgoing_egresses()) {
    response.egress.push_back({e.egress_namespace() + "/" + e.egress_type(), get(e.argument())});
  }
  for (const auto& m : in.state_mutations()) {
    StateMutation mutation;
    mutation.name = m.state_name();
    mutation.kind = m.mutation_type() == FromFn::PersistedValueMutation::MODIFY
                        ? StateMutation::Kind::modify
                        : StateMutation::Kind::remove;
    if (m.has_state_value()) {
      mutation.value = get(m.state_value());
    }
    response.mutations.push_back(std::move(mutation));
  }
}

}  // namespace

std::string encode_request(const Request& request) {
  pb::ToFunction to;
  auto* batch = to.mutable_invocation();
  put(*batch->mutable_target(), request.target);
  for (const auto& entry : request.state) {
    auto* state = batch->add_state();
    state->set_state_name(entry.name);
    if (entry.value) {
      put(*state->mutable_state_value(), *entry.value);
    }
  }
  for (const auto& invocation : request.invocations) {
    auto* out = batch->add_invocations();
    if (invocation.caller) {
      put(*out->mutable_caller(), *invocation.caller);
    }
    put(*out->mutable_argument(), invocation.argument);
  }
  return to.SerializeAsString();
}

Request decode_request(std::string_view bytes) {
  pb::ToFunction to;
  if (!to.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    throw Error(errc::malformed_request, "the bytes are not a ToFunction message");
  }
  if (!to.has_invocation()) {
    throw Error(errc::malformed_request, "the ToFunction holds no invocation batch");
  }
  const auto& batch = to.invocation();
  Request request{get(batch.target(), errc::malformed_request), {}, {}};
  for (const auto& state : batch.state()) {
    request.state.push_back(
        {state.state_name(),
         state.has_state_value() ? std::optional(get(state.state_value())) : std::nullopt});
  }
  for (const auto& invocation : batch.invocations()) {
    const auto& c = invocation.caller();
    const bool has_caller =
        invocation.has_caller() && !(c.namespace_().empty() && c.type().empty() && c.id().empty());
    request.invocations.push_back(
        {has_caller ? std::optional(get(c, errc::malformed_request)) : std::nullopt,
         get(invocation.argument())});
  }
  return request;
}

std::string encode_response(const Response& response) {
  FromFn from;
  switch (response.kind) {
    case Response::Kind::invocation_result:
      put_result(*from.mutable_invocation_result(), response);
      break;
    case Response::Kind::incomplete_invocation_context:
      for (const auto& missing : response.missing_values) {
        auto* spec = from.mutable_incomplete_invocation_context()->add_missing_values();
        spec->set_state_name(missing.name);
        spec->set_type_typename(missing.type_name);
        spec->mutable_expiration_spec()->set_mode(to_wire(missing.expiration_mode));
        spec->mutable_expiration_spec()->set_expire_after_millis(missing.expire_after_ms);
      }
      from.mutable_incomplete_invocation_context();
      break;
    case Response::Kind::empty:
      break;
  }
  return from.SerializeAsString();
}

Response decode_response(std::string_view bytes) {
  FromFn from;
  if (!from.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    throw Error(errc::invalid_value, "the bytes are not a FromFunction message");
  }
  Response response;
  if (from.has_invocation_result()) {
    response.kind = Response::Kind::invocation_result;
    get_result(from.invocation_result(), response);
  } else if (from.has_incomplete_invocation_context()) {
    response.kind = Response::Kind::incomplete_invocation_context;
    for (const auto& spec : from.incomplete_invocation_context().missing_values()) {
      // The JS and Java SDKs may leave the expiration spec out: it reads as NONE, 0.
      response.missing_values.push_back({spec.state_name(),
                                         spec.type_typename(),
                                         from_wire(spec.expiration_spec().mode()),
                                         spec.expiration_spec().expire_after_millis()});
    }
  }
  return response;
}

}  // namespace statefun::testkit
