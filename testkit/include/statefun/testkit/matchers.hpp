// GoogleTest/GMock matchers for function answers. They compose, and explain what they got.
//
// On a Response:
//   SendsEgress(egress, value = _)           a record to the egress "ns/type" whose value matches
//   SendsMessageTo(address, value = _)       a message to "ns/type/id" whose argument matches
//   SendsDelayedMessageTo(address, delay_ms, value = _)
//   CancelsDelayedMessage(token)
//   SetsState(name, value = _)               a MODIFY of `name` whose value matches
//   DeletesState(name)                       a DELETE of `name`
//   AsksForState(name, type_name = _)        an IncompleteInvocationContext listing `name`
//   HasNoEffects()                           an invocation result that sends and changes nothing
// On a TypedValue (the `value` arguments above; value_matchers.hpp, included):
//   HasTypeName(m), IntValue(m), LongValue(m), BoolValue(m), FloatValue(m), DoubleValue(m),
//   StringValue(m), JsonValue(m), JsonEq(json), JsonContains(json),
//   PlaygroundRecord(topic, payload)         io.statefun.playground/EgressRecord JSON fields
//
// Example:
//   EXPECT_THAT(response, SendsEgress("io.statefun.playground/egress",
//                                     PlaygroundRecord("greetings", "Welcome George")));
//   EXPECT_THAT(response, SetsState("visits", IntValue(3)));
//   EXPECT_THAT(response, SendsMessageTo("example/greeter/George",
//                                        JsonContains({{"visits", 3}})));
#pragma once

#include <cstdint>
#include <functional>
#include <ostream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>

#include <statefun/protocol/json_form.hpp>
#include <statefun/protocol/response.hpp>
#include <statefun/testkit/value_matchers.hpp>

// How GoogleTest prints the protocol's types (found by argument-dependent lookup).
namespace statefun::protocol {

inline void PrintTo(const Response& r, std::ostream* os) {
  *os << protocol::to_json(r).dump();
}

inline void PrintTo(const SentMessage& m, std::ostream* os) {
  *os << "to " << m.target << ": " << protocol::to_json(m.argument).dump();
}

inline void PrintTo(const SentDelayedMessage& d, std::ostream* os) {
  protocol::Response r{protocol::Response::Kind::invocation_result, {}, {d}, {}, {}, {}};
  *os << protocol::to_json(r)["invocation_result"]["delayed_invocations"][0].dump();
}

inline void PrintTo(const SentEgress& e, std::ostream* os) {
  *os << "to " << e.egress << ": " << protocol::to_json(e.argument).dump();
}

inline void PrintTo(const StateMutation& m, std::ostream* os) {
  *os << (m.kind == protocol::StateMutation::Kind::modify ? "MODIFY " : "DELETE ") << m.name;
  if (m.value) {
    *os << " = " << protocol::to_json(*m.value).dump();
  }
}

inline void PrintTo(const MissingValue& m, std::ostream* os) {
  *os << m.name << " (" << m.type_name << ")";
}

}  // namespace statefun::protocol

namespace statefun::testkit {

namespace detail {

/// Matches a Response when one of its effects of one kind matches `item`; explains with the
/// list of what was sent.
template <typename Item>
class AnyEffectMatcher {
 public:
  using is_gtest_matcher = void;
  using Items = std::function<const std::vector<Item>&(const protocol::Response&)>;

  AnyEffectMatcher(std::string kind, Items items, testing::Matcher<const Item&> item)
      : kind_(std::move(kind)), items_(std::move(items)), item_(std::move(item)) {}

  bool MatchAndExplain(const protocol::Response& response, std::ostream* os) const {
    const auto& items = items_(response);
    std::ostringstream tried;
    for (std::size_t i = 0; i < items.size(); ++i) {
      testing::StringMatchResultListener why;
      if (item_.MatchAndExplain(items[i], &why)) {
        return true;
      }
      tried << "\n  #" << i << " " << testing::PrintToString(items[i]);
      if (!why.str().empty()) {
        tried << ", " << why.str();
      }
    }
    if (os == nullptr) {
      return false;
    }
    if (response.asks_for_state()) {
      *os << "which asks for state instead: " << testing::PrintToString(response.missing_values);
    } else if (items.empty()) {
      *os << "which has no " << kind_;
    } else {
      *os << "whose " << items.size() << " " << kind_ << " do not match:" << tried.str();
    }
    return false;
  }

  void DescribeTo(std::ostream* os) const {
    *os << "has one of its " << kind_ << " that ";
    item_.DescribeTo(os);
  }

  void DescribeNegationTo(std::ostream* os) const {
    *os << "has none of its " << kind_ << " that ";
    item_.DescribeTo(os);
  }

 private:
  std::string kind_;
  Items items_;
  testing::Matcher<const Item&> item_;
};

}  // namespace detail

// ---- Response matchers ----------------------------------------------------------------
// Matchers are CamelCase functions, as GoogleTest's own are.
// NOLINTBEGIN(readability-identifier-naming)

inline testing::Matcher<const protocol::Response&> SendsEgress(
    std::string egress, const testing::Matcher<const TypedValue&>& value = testing::_) {
  return detail::AnyEffectMatcher<protocol::SentEgress>(
      "egress records",
      [](const protocol::Response& r) -> const auto& { return r.egress; },
      testing::AllOf(
          testing::Field("egress", &protocol::SentEgress::egress, testing::Eq(std::move(egress))),
          testing::Field("argument", &protocol::SentEgress::argument, value)));
}

inline testing::Matcher<const protocol::Response&> SendsMessageTo(
    std::string address, const testing::Matcher<const TypedValue&>& value = testing::_) {
  return detail::AnyEffectMatcher<protocol::SentMessage>(
      "messages",
      [](const protocol::Response& r) -> const auto& { return r.messages; },
      testing::AllOf(testing::ResultOf(
                         "target",
                         [](const protocol::SentMessage& m) { return m.target.str(); },
                         testing::Eq(std::move(address))),
                     testing::Field("argument", &protocol::SentMessage::argument, value)));
}

inline testing::Matcher<const protocol::Response&> SendsDelayedMessageTo(
    std::string address,
    const testing::Matcher<std::int64_t>& delay_ms,
    const testing::Matcher<const TypedValue&>& value = testing::_) {
  return detail::AnyEffectMatcher<protocol::SentDelayedMessage>(
      "delayed messages",
      [](const protocol::Response& r) -> const auto& { return r.delayed; },
      testing::AllOf(
          testing::Field("is_cancellation", &protocol::SentDelayedMessage::is_cancellation, false),
          testing::ResultOf(
              "target",
              [](const protocol::SentDelayedMessage& d) { return d.target ? d.target->str() : ""; },
              testing::Eq(std::move(address))),
          testing::Field("delay_ms", &protocol::SentDelayedMessage::delay_ms, delay_ms),
          testing::ResultOf(
              "argument",
              [](const protocol::SentDelayedMessage& d) {
                return d.argument.value_or(TypedValue{});
              },
              value)));
}

inline testing::Matcher<const protocol::Response&> CancelsDelayedMessage(std::string token) {
  return detail::AnyEffectMatcher<protocol::SentDelayedMessage>(
      "delayed messages",
      [](const protocol::Response& r) -> const auto& { return r.delayed; },
      testing::AllOf(
          testing::Field("is_cancellation", &protocol::SentDelayedMessage::is_cancellation, true),
          testing::Field("cancellation_token",
                         &protocol::SentDelayedMessage::cancellation_token,
                         testing::Eq(std::move(token)))));
}

inline testing::Matcher<const protocol::Response&> SetsState(
    std::string name, const testing::Matcher<const TypedValue&>& value = testing::_) {
  return detail::AnyEffectMatcher<protocol::StateMutation>(
      "state mutations",
      [](const protocol::Response& r) -> const auto& { return r.mutations; },
      testing::AllOf(
          testing::Field("name", &protocol::StateMutation::name, testing::Eq(std::move(name))),
          testing::Field(
              "kind", &protocol::StateMutation::kind, protocol::StateMutation::Kind::modify),
          testing::ResultOf(
              "value",
              [](const protocol::StateMutation& m) { return m.value.value_or(TypedValue{}); },
              value)));
}

inline testing::Matcher<const protocol::Response&> DeletesState(std::string name) {
  return detail::AnyEffectMatcher<protocol::StateMutation>(
      "state mutations",
      [](const protocol::Response& r) -> const auto& { return r.mutations; },
      testing::AllOf(
          testing::Field("name", &protocol::StateMutation::name, testing::Eq(std::move(name))),
          testing::Field(
              "kind", &protocol::StateMutation::kind, protocol::StateMutation::Kind::remove)));
}

inline testing::Matcher<const protocol::Response&> AsksForState(
    std::string name, const testing::Matcher<const std::string&>& type_name = testing::_) {
  return detail::AnyEffectMatcher<protocol::MissingValue>(
      "missing values",
      [](const protocol::Response& r) -> const auto& { return r.missing_values; },
      testing::AllOf(
          testing::Field("name", &protocol::MissingValue::name, testing::Eq(std::move(name))),
          testing::Field("type_name", &protocol::MissingValue::type_name, type_name)));
}

inline testing::Matcher<const protocol::Response&> HasNoEffects() {
  return testing::AllOf(
      testing::Field("kind",
                     &protocol::Response::kind,
                     testing::Ne(protocol::Response::Kind::incomplete_invocation_context)),
      testing::Field("messages", &protocol::Response::messages, testing::IsEmpty()),
      testing::Field("delayed", &protocol::Response::delayed, testing::IsEmpty()),
      testing::Field("egress", &protocol::Response::egress, testing::IsEmpty()),
      testing::Field("mutations", &protocol::Response::mutations, testing::IsEmpty()));
}

// NOLINTEND(readability-identifier-naming)

}  // namespace statefun::testkit
