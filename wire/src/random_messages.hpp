// Random protocol messages built with protobuf's generated code: the oracle the hand-written
// codec is tested against (its reading, its bytes, what it accepts and rejects).
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "sdk/request-reply.pb.h"

namespace statefun::wire::testing {

namespace pb = io::statefun::sdk::reqreply;

class RandomMessages {
 public:
  explicit RandomMessages(unsigned seed) : rng_(seed) {}

  std::size_t pick(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_);
  }

  bool coin() { return pick(2) == 1; }

  std::string text() {
    static const std::vector<std::string> pool = {"",
                                                  "a",
                                                  "example",
                                                  "greeter",
                                                  "George",
                                                  "Zoë ✓",
                                                  std::string(200, 'x'),
                                                  "io.statefun.types/int"};
    return pool[pick(pool.size())];
  }

  std::string bytes() { return std::string("\x0D\x01\0\0\0\xFF", 6).substr(0, pick(7)); }

  std::int64_t number() {
    static const std::vector<std::int64_t> pool = {0, 1, 1500, -1, INT64_MAX, INT64_MIN, 1 << 20};
    return pool[pick(pool.size())];
  }

  void address(pb::Address& a) {
    if (coin()) {
      a.set_namespace_(text());
    }
    if (coin()) {
      a.set_type(text());
    }
    if (coin()) {
      a.set_id(text());
    }
  }

  void value(pb::TypedValue& v) {
    if (coin()) {
      v.set_typename_(text());
    }
    v.set_has_value(coin());
    if (coin()) {
      v.set_value(bytes());
    }
  }

  pb::ToFunction request() {
    pb::ToFunction to;
    if (pick(10) == 0) {
      return to;  // no batch
    }
    auto* batch = to.mutable_invocation();
    if (coin()) {
      address(*batch->mutable_target());
    }
    for (std::size_t i = pick(4); i > 0; --i) {
      auto* state = batch->add_state();
      if (coin()) {
        state->set_state_name(text());
      }
      if (coin()) {
        value(*state->mutable_state_value());
      }
    }
    for (std::size_t i = pick(4); i > 0; --i) {
      auto* invocation = batch->add_invocations();
      if (coin()) {
        address(*invocation->mutable_caller());
      }
      if (coin()) {
        value(*invocation->mutable_argument());
      }
    }
    return to;
  }

  pb::FromFunction response() {
    pb::FromFunction from;
    switch (pick(5)) {
      case 0:
        return from;  // empty
      case 1:
        missing(*from.mutable_incomplete_invocation_context());
        return from;
      default:
        result(*from.mutable_invocation_result());
        return from;
    }
  }

 private:
  void result(pb::FromFunction::InvocationResponse& r) {
    for (std::size_t i = pick(3); i > 0; --i) {
      mutation(*r.add_state_mutations());
    }
    for (std::size_t i = pick(3); i > 0; --i) {
      auto* m = r.add_outgoing_messages();
      if (coin()) {
        address(*m->mutable_target());
      }
      if (coin()) {
        value(*m->mutable_argument());
      }
    }
    for (std::size_t i = pick(3); i > 0; --i) {
      delayed(*r.add_delayed_invocations());
    }
    for (std::size_t i = pick(3); i > 0; --i) {
      egress(*r.add_outgoing_egresses());
    }
  }

  void mutation(pb::FromFunction::PersistedValueMutation& m) {
    m.set_mutation_type(coin() ? pb::FromFunction::PersistedValueMutation::MODIFY
                               : pb::FromFunction::PersistedValueMutation::DELETE);
    if (coin()) {
      m.set_state_name(text());
    }
    if (coin()) {
      value(*m.mutable_state_value());
    }
  }

  void delayed(pb::FromFunction::DelayedInvocation& d) {
    d.set_delay_in_ms(number());
    d.set_is_cancellation_request(coin());
    if (coin()) {
      d.set_cancellation_token(text());
    }
    if (coin()) {
      address(*d.mutable_target());
    }
    if (coin()) {
      value(*d.mutable_argument());
    }
  }

  void egress(pb::FromFunction::EgressMessage& e) {
    if (coin()) {
      e.set_egress_namespace(text());
    }
    if (coin()) {
      e.set_egress_type(text());
    }
    if (coin()) {
      value(*e.mutable_argument());
    }
  }

  void missing(pb::FromFunction::IncompleteInvocationContext& c) {
    for (std::size_t i = pick(4); i > 0; --i) {
      auto* v = c.add_missing_values();
      if (coin()) {
        v->set_state_name(text());
      }
      if (coin()) {
        v->set_type_typename(text());
      }
      if (coin()) {
        v->mutable_expiration_spec()->set_mode(
            static_cast<pb::FromFunction::ExpirationSpec::ExpireMode>(pick(3)));
        v->mutable_expiration_spec()->set_expire_after_millis(number());
      }
    }
  }

  std::mt19937 rng_;
};

/// `bytes` with a few random bytes changed and, sometimes, cut short.
inline std::string mutated(RandomMessages& random, std::string bytes) {
  for (std::size_t flips = random.pick(3) + 1; flips > 0 && !bytes.empty(); --flips) {
    bytes[random.pick(bytes.size())] = static_cast<char>(random.pick(256));
  }
  if (random.pick(4) == 0 && !bytes.empty()) {
    bytes.resize(random.pick(bytes.size()));
  }
  return bytes;
}

}  // namespace statefun::wire::testing
