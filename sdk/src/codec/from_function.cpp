#include "codec/from_function.hpp"

#include "codec/proto_writer.hpp"

namespace statefun::detail {

namespace {

// Field numbers of request-reply.proto (PROTOCOL.md 1.2).
constexpr std::uint32_t kInvocationResult = 100;
constexpr std::uint32_t kIncompleteContext = 101;

enum ResponseField : std::uint32_t { kMutations = 1, kMessages = 2, kDelayed = 3, kEgress = 4 };

constexpr std::uint64_t kModify = 1;

// Expiration::Mode is written as its wire value (ExpireMode NONE, AFTER_WRITE, AFTER_INVOKE).
static_assert(static_cast<int>(Expiration::Mode::none) == 0);
static_assert(static_cast<int>(Expiration::Mode::after_write) == 1);
static_assert(static_cast<int>(Expiration::Mode::after_call) == 2);

template <typename Out>
void encode_address(Out& out, const Address& address) {
  encode_address(out, address.type.ns(), address.type.name(), address.id);
}

template <typename Out>
void encode_message(Out& out, std::uint32_t field, const Message& m) {
  out.message(field, [&](auto& o) {
    o.message(1, [&](auto& a) { encode_address(a, m.target()); });
    const TypedValue& v = m.typed_value();
    o.message(2, [&](auto& t) { encode_typed_value(t, v.type_name, v.has_value, v.value); });
  });
}

template <typename Out>
void encode_delayed(Out& out, const DelayedMessage& d) {
  out.message(kDelayed, [&](auto& o) {
    if (d.message) {
      o.varint(1, static_cast<std::uint64_t>(d.delay.count()));
      o.message(2, [&](auto& a) { encode_address(a, d.message->target()); });
      const TypedValue& v = d.message->typed_value();
      o.message(3, [&](auto& t) { encode_typed_value(t, v.type_name, v.has_value, v.value); });
    }
    o.varint(10, d.is_cancellation ? 1 : 0);
    o.string(11, d.cancellation_token);
  });
}

template <typename Out>
void encode_egress(Out& out, const EgressMessage& e) {
  out.message(kEgress, [&](auto& o) {
    o.string(1, e.egress.ns());
    o.string(2, e.egress.name());
    const TypedValue& v = e.value;
    o.message(3, [&](auto& t) { encode_typed_value(t, v.type_name, v.has_value, v.value); });
  });
}

template <typename Out>
void encode_mutation(Out& out, const StateCell& c) {
  out.message(kMutations, [&](auto& o) {
    o.varint(1, c.has_value ? kModify : 0);  // DELETE = 0 is the default: not written
    o.string(2, c.spec->name());
    if (c.has_value) {
      o.message(3,
                [&](auto& t) { encode_typed_value(t, c.spec->type_name().str(), true, c.value); });
    }
  });
}

}  // namespace

std::string write_invocation_result(const Effects& effects, const Storage& storage) {
  return encode_message([&](auto& out) {
    out.message(kInvocationResult, [&](auto& result) {
      for (const StateCell& c : storage.cells()) {
        if (c.dirty)
          encode_mutation(result, c);
      }
      for (const Message& m : effects.messages)
        encode_message(result, kMessages, m);
      for (const DelayedMessage& d : effects.delayed)
        encode_delayed(result, d);
      for (const EgressMessage& e : effects.egress)
        encode_egress(result, e);
    });
  });
}

std::string write_missing_state(const std::vector<const ValueSpecBase*>& missing) {
  return encode_message([&](auto& out) {
    out.message(kIncompleteContext, [&](auto& context) {
      for (const ValueSpecBase* spec : missing) {
        context.message(1, [&](auto& s) {
          s.string(1, spec->name());
          s.message(2, [&](auto& e) {
            e.varint(1, static_cast<std::uint64_t>(spec->expiration().mode));
            e.varint(2, static_cast<std::uint64_t>(spec->expiration().duration.count()));
          });
          s.string(3, spec->type_name().str());
        });
      }
    });
  });
}

}  // namespace statefun::detail
