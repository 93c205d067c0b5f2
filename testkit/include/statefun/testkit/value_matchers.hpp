// GoogleTest/GMock matchers for typed values (message arguments, egress records, state):
//   HasTypeName(m), IntValue(m), LongValue(m), BoolValue(m), FloatValue(m), DoubleValue(m),
//   StringValue(m), JsonValue(m), JsonEq(json), JsonContains(json),
//   PlaygroundRecord(topic, payload)         io.statefun.playground/EgressRecord JSON fields
// They decode the value (json_form.hpp) and explain what they found. matchers.hpp adds the
// matchers on whole responses.
//
// Example:
//   EXPECT_THAT(value, IntValue(testing::Gt(2)));
//   EXPECT_THAT(value, JsonContains({{"visits", 3}}));
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <utility>

#include <gmock/gmock.h>
#include <nlohmann/json.hpp>

#include <statefun/protocol/json_form.hpp>
#include <statefun/protocol/json_match.hpp>
#include <statefun/typed_value.hpp>

namespace statefun {

/// Prints a value in its readable JSON form (found by GoogleTest through ADL).
inline void PrintTo(const TypedValue& value, std::ostream* os) {
  *os << protocol::to_json(value).dump();
}

namespace testkit {

namespace detail {

/// Matches a TypedValue through its decoded readable "value".
class DecodedValueMatcher {
 public:
  using is_gtest_matcher = void;

  DecodedValueMatcher(std::string type_name, testing::Matcher<const nlohmann::json&> inner)
      : type_name_(std::move(type_name)), inner_(std::move(inner)) {}

  bool MatchAndExplain(const TypedValue& value, std::ostream* os) const {
    if (!type_name_.empty() && value.type_name != type_name_) {
      if (os != nullptr) {
        *os << "whose typename is " << value.type_name;
      }
      return false;
    }
    const nlohmann::json form = protocol::to_json(value);
    if (!form.contains("value")) {
      if (os != nullptr) {
        *os << "which does not decode to a value: " << form.dump();
      }
      return false;
    }
    testing::StringMatchResultListener why;
    const bool matched = inner_.MatchAndExplain(form["value"], &why);
    if (!matched && os != nullptr) {
      *os << "whose value is " << form["value"].dump();
      if (!why.str().empty()) {
        *os << ", " << why.str();
      }
    }
    return matched;
  }

  void DescribeTo(std::ostream* os) const {
    *os << (type_name_.empty() ? "is a value that " : "is a " + type_name_ + " that ");
    inner_.DescribeTo(os);
  }

  void DescribeNegationTo(std::ostream* os) const {
    *os << "is not a value that ";
    inner_.DescribeTo(os);
  }

 private:
  std::string type_name_;
  testing::Matcher<const nlohmann::json&> inner_;
};

/// Matches JSON containing `expected` (json_contains).
class JsonContainsMatcher {
 public:
  using is_gtest_matcher = void;

  explicit JsonContainsMatcher(nlohmann::json expected) : expected_(std::move(expected)) {}

  bool MatchAndExplain(const nlohmann::json& actual, std::ostream* os) const {
    std::string where;
    if (protocol::json_contains(actual, expected_, &where)) {
      return true;
    }
    if (os != nullptr) {
      *os << "which differs at " << where;
    }
    return false;
  }

  void DescribeTo(std::ostream* os) const { *os << "contains " << expected_.dump(); }

  void DescribeNegationTo(std::ostream* os) const {
    *os << "does not contain " << expected_.dump();
  }

 private:
  nlohmann::json expected_;
};

template <typename T>
testing::Matcher<const nlohmann::json&> json_as(testing::Matcher<T> inner) {
  return testing::ResultOf(
      "as a number or text", [](const nlohmann::json& j) { return j.get<T>(); }, std::move(inner));
}

}  // namespace detail

// ---- Value matchers -------------------------------------------------------------------
// Matchers are CamelCase functions, as GoogleTest's own are.
// NOLINTBEGIN(readability-identifier-naming)

inline testing::Matcher<const TypedValue&> HasTypeName(
    const testing::Matcher<const std::string&>& m) {
  return testing::Field("typename", &TypedValue::type_name, m);
}

inline testing::Matcher<const TypedValue&> JsonValue(testing::Matcher<const nlohmann::json&> m) {
  return detail::DecodedValueMatcher("", std::move(m));
}

inline testing::Matcher<const TypedValue&> JsonEq(nlohmann::json expected) {
  return JsonValue(testing::Eq(std::move(expected)));
}

inline testing::Matcher<const TypedValue&> JsonContains(nlohmann::json expected) {
  return JsonValue(detail::JsonContainsMatcher(std::move(expected)));
}

inline testing::Matcher<const TypedValue&> IntValue(testing::Matcher<std::int32_t> m) {
  return detail::DecodedValueMatcher("io.statefun.types/int", detail::json_as(std::move(m)));
}

inline testing::Matcher<const TypedValue&> LongValue(testing::Matcher<std::int64_t> m) {
  return detail::DecodedValueMatcher("io.statefun.types/long", detail::json_as(std::move(m)));
}

inline testing::Matcher<const TypedValue&> BoolValue(testing::Matcher<bool> m) {
  return detail::DecodedValueMatcher("io.statefun.types/bool", detail::json_as(std::move(m)));
}

inline testing::Matcher<const TypedValue&> FloatValue(testing::Matcher<float> m) {
  return detail::DecodedValueMatcher("io.statefun.types/float", detail::json_as(std::move(m)));
}

inline testing::Matcher<const TypedValue&> DoubleValue(testing::Matcher<double> m) {
  return detail::DecodedValueMatcher("io.statefun.types/double", detail::json_as(std::move(m)));
}

inline testing::Matcher<const TypedValue&> StringValue(testing::Matcher<std::string> m) {
  return detail::DecodedValueMatcher("io.statefun.types/string", detail::json_as(std::move(m)));
}

/// An io.statefun.playground/EgressRecord {"topic", "payload"}.
inline testing::Matcher<const TypedValue&> PlaygroundRecord(testing::Matcher<std::string> topic,
                                                            testing::Matcher<std::string> payload) {
  return detail::DecodedValueMatcher(
      "io.statefun.playground/EgressRecord",
      testing::AllOf(testing::ResultOf(
                         "topic",
                         [](const nlohmann::json& j) { return j.value("topic", std::string()); },
                         std::move(topic)),
                     testing::ResultOf(
                         "payload",
                         [](const nlohmann::json& j) { return j.value("payload", std::string()); },
                         std::move(payload))));
}

// NOLINTEND(readability-identifier-naming)

}  // namespace testkit
}  // namespace statefun
