// Request <-> ToFunction and Response <-> FromFunction through the wire codec.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <statefun/error.hpp>
#include <statefun/protocol/request.hpp>
#include <statefun/protocol/response.hpp>
#include <statefun/wire/from_function.hpp>
#include <statefun/wire/to_function.hpp>

namespace statefun::protocol {

namespace {

wire::AddressView view(const Address& a) {
  return {a.type.ns(), a.type.name(), a.id, true};
}

wire::TypedValueView view(const TypedValue& v) {
  return {v.type_name, v.has_value, v.value, true};
}

wire::TypedValueView view(const std::optional<TypedValue>& v) {
  return v ? view(*v) : wire::TypedValueView{};
}

TypedValue value_of(const wire::TypedValueView& v) {
  return TypedValue{std::string(v.type_name), v.has_value, std::string(v.value)};
}

std::optional<TypedValue> optional_value_of(const wire::TypedValueView& v) {
  return v.present ? std::optional(value_of(v)) : std::nullopt;
}

Address address_of(const wire::AddressView& a, errc error) {
  try {
    return {TypeName(a.ns, a.type), std::string(a.id)};
  } catch (const Error& e) {
    throw Error(error, std::string("invalid address: ") + e.what());
  }
}

std::int32_t wire_mode_of(Expiration::Mode mode) {
  switch (mode) {
    case Expiration::Mode::after_write:
      return wire::kExpireAfterWrite;
    case Expiration::Mode::after_call:
      return wire::kExpireAfterInvoke;
    case Expiration::Mode::none:
      break;
  }
  return wire::kExpireNone;
}

struct RequestSource {
  const Request& request;

  wire::AddressView target() const { return view(request.target); }

  template <typename F>
  void for_each_state(F f) const {
    for (const StateEntry& entry : request.state) {
      f(wire::StateView{entry.name, view(entry.value)});
    }
  }

  template <typename F>
  void for_each_invocation(F f) const {
    for (const Invocation& invocation : request.invocations) {
      f(wire::InvocationView{invocation.caller ? view(*invocation.caller) : wire::AddressView{},
                             view(invocation.argument)});
    }
  }
};

struct ResponseSource {
  const Response& response;

  template <typename F>
  void for_each_mutation(F f) const {
    for (const StateMutation& m : response.mutations) {
      f(wire::MutationView{m.kind == StateMutation::Kind::modify ? wire::kModify : wire::kDelete,
                           m.name,
                           view(m.value)});
    }
  }

  template <typename F>
  void for_each_message(F f) const {
    for (const SentMessage& m : response.messages) {
      f(wire::OutgoingMessageView{view(m.target), view(m.argument)});
    }
  }

  template <typename F>
  void for_each_delayed(F f) const {
    for (const SentDelayedMessage& d : response.delayed) {
      f(wire::DelayedInvocationView{d.delay_ms,
                                    d.target ? view(*d.target) : wire::AddressView{},
                                    view(d.argument),
                                    d.is_cancellation,
                                    d.cancellation_token});
    }
  }

  template <typename F>
  void for_each_egress(F f) const {
    for (const SentEgress& e : response.egress) {
      const TypeName egress(e.egress);
      f(wire::EgressMessageView{egress.ns(), egress.name(), view(e.argument)});
    }
  }

  template <typename F>
  void for_each_missing(F f) const {
    for (const MissingValue& m : response.missing_values) {
      f(wire::MissingValueView{
          m.name, {wire_mode_of(m.expiration_mode), m.expire_after_ms, true}, m.type_name});
    }
  }
};

void read_result(const wire::FromFunctionView& from, Response& response) {
  for (const auto& m : from.messages) {
    response.messages.push_back({address_of(m.target, errc::invalid_value), value_of(m.argument)});
  }
  for (const auto& d : from.delayed) {
    SentDelayedMessage delayed;
    delayed.delay_ms = d.delay_ms;
    delayed.is_cancellation = d.is_cancellation;
    delayed.cancellation_token = std::string(d.cancellation_token);
    if (d.target.present) {
      delayed.target = address_of(d.target, errc::invalid_value);
    }
    delayed.argument = optional_value_of(d.argument);
    response.delayed.push_back(std::move(delayed));
  }
  for (const auto& e : from.egress) {
    response.egress.push_back(
        {std::string(e.egress_namespace) + "/" + std::string(e.egress_type), value_of(e.argument)});
  }
  for (const auto& m : from.mutations) {
    response.mutations.push_back({m.mutation_type == wire::kModify ? StateMutation::Kind::modify
                                                                   : StateMutation::Kind::remove,
                                  std::string(m.name),
                                  optional_value_of(m.value)});
  }
}

}  // namespace

Expiration::Mode expiration_mode(std::int32_t wire_mode) noexcept {
  switch (wire_mode) {
    case wire::kExpireAfterWrite:
      return Expiration::Mode::after_write;
    case wire::kExpireAfterInvoke:
      return Expiration::Mode::after_call;
    default:
      return Expiration::Mode::none;
  }
}

std::string encode_request(const Request& request) {
  std::string bytes;
  wire::append_to_function(bytes, RequestSource{request});
  return bytes;
}

Request decode_request(std::string_view bytes) {
  wire::ToFunctionView to;
  if (!wire::parse_to_function(bytes, to)) {
    throw Error(errc::malformed_request, "the bytes are not a ToFunction message");
  }
  if (!to.has_batch) {
    throw Error(errc::malformed_request, "the ToFunction holds no invocation batch");
  }
  Request request{address_of(to.target, errc::malformed_request), {}, {}};
  for (const auto& state : to.state) {
    request.state.push_back({std::string(state.name), optional_value_of(state.value)});
  }
  for (const auto& invocation : to.invocations) {
    const wire::AddressView& c = invocation.caller;
    const bool has_caller = c.present && !(c.ns.empty() && c.type.empty() && c.id.empty());
    request.invocations.push_back(
        {has_caller ? std::optional(address_of(c, errc::malformed_request)) : std::nullopt,
         value_of(invocation.argument)});
  }
  return request;
}

std::string encode_response(const Response& response) {
  std::string bytes;
  switch (response.kind) {
    case Response::Kind::invocation_result:
      wire::append_invocation_result(bytes, ResponseSource{response});
      break;
    case Response::Kind::incomplete_invocation_context:
      wire::append_incomplete_invocation_context(bytes, ResponseSource{response});
      break;
    case Response::Kind::empty:
      break;
  }
  return bytes;
}

Response decode_response(std::string_view bytes) {
  wire::FromFunctionView from;
  if (!wire::parse_from_function(bytes, from)) {
    throw Error(errc::invalid_value, "the bytes are not a FromFunction message");
  }
  Response response;
  switch (from.kind) {
    case wire::FromFunctionView::Kind::invocation_result:
      response.kind = Response::Kind::invocation_result;
      read_result(from, response);
      break;
    case wire::FromFunctionView::Kind::incomplete_invocation_context:
      response.kind = Response::Kind::incomplete_invocation_context;
      for (const auto& m : from.missing_values) {
        // The JS and Java SDKs may leave the expiration spec out: it reads as NONE, 0.
        response.missing_values.push_back({std::string(m.name),
                                           std::string(m.type_name),
                                           expiration_mode(m.expiration.mode),
                                           m.expiration.expire_after_ms});
      }
      break;
    case wire::FromFunctionView::Kind::empty:
      break;
  }
  return response;
}

}  // namespace statefun::protocol
