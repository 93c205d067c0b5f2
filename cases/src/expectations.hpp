// Checking what a function answered against a step's expectations, with readable diffs.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <statefun/cases/test_file.hpp>
#include <statefun/protocol/response.hpp>

namespace statefun::cases::detail {

/// What one step got back: the HTTP status, the body of a non-200 answer, the decoded answer.
struct StepOutcome {
  int status = 200;
  std::string body;
  protocol::Response response;
};

/// The failures of a step, each a paragraph: a first line that says what differs, then
/// indented details (a diff of expected against actual decoded values). Empty when it passed.
std::vector<std::string> check_expectations(const Expectations& expect, const StepOutcome& outcome);

/// One expected item of a list (messages, delayed, egress, missing state) as JSON with only the
/// keys the test gave, and where it was written.
struct ExpectedItem {
  nlohmann::json view;
  bool subset = false;  ///< `match: subset` for its "value"
  SourceLocation where;
};

/// The view of what an expected message, delayed message or egress effect gives: its value
/// pattern's view with "to", "from", "delay", "token" or "cancel" as given.
ExpectedItem expected_effect(const EffectPattern& pattern);

/// Matches expected items to actual ones (order does not matter; each actual item serves at
/// most one expected item) and describes every expected item left without a match, and, when
/// `exact`, every actual item left over. `label` names an item: "message", "egress record".
std::vector<std::string> match_items(const std::vector<ExpectedItem>& expected,
                                     const std::vector<nlohmann::json>& actual,
                                     bool exact,
                                     const std::string& label);

/// The JSON view of a value: "type" and its forms: "value" (decoded, when it decodes), "text"
/// (when the bytes are UTF-8), "base64"; or "has_value": false.
nlohmann::json value_view(const TypedValue& value);

/// A view with only its most readable form: "value", else "text", else "base64".
nlohmann::json display_view(nlohmann::json view);

/// The view of what a pattern expects: "type", "value" / "text" / "base64" as given.
nlohmann::json expected_value_view(const ValuePattern& pattern);

/// Whether `actual` (a full view) has every key of `expected` with a matching value; "value"
/// is compared with `subset`, the rest exactly. `where` gets the first differing path.
bool view_matches(const nlohmann::json& expected,
                  const nlohmann::json& actual,
                  bool subset,
                  std::string* where = nullptr);

/// A diff of the expected view against the parts of the actual view it mentions.
std::string view_diff(const nlohmann::json& expected, const nlohmann::json& actual, bool subset);

}  // namespace statefun::cases::detail
