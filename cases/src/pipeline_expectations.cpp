// Checking a pipeline run: how it ended, the egress records per topic, the messages between
// functions, the final state of each address.
#include "pipeline_expectations.hpp"

#include <optional>
#include <set>
#include <string>
#include <utility>

#include <statefun/protocol/json_text.hpp>
#include <statefun/text/base64.hpp>
#include <statefun/wire/utf8.hpp>

#include "expectations.hpp"
#include "json_pattern.hpp"

namespace statefun::cases::detail {

namespace {

using nlohmann::json;
using runtime::EgressRecord;
using runtime::RunResult;

/// A delivered record as patterns see it: "egress", "type" (what the function sent), "key",
/// and the forms of its bytes: "value" (when they are JSON), "text" (UTF-8), "base64".
json record_view(const EgressRecord& record) {
  json view = {{"egress", record.egress.str()}, {"type", record.argument.type_name}};
  if (!record.key.empty()) {
    view["key"] = record.key;
  }
  if (json parsed = protocol::parse_json(record.value); !parsed.is_discarded()) {
    view["value"] = std::move(parsed);
  }
  if (wire::is_valid_utf8(record.value)) {
    view["text"] = record.value;
  }
  view["base64"] = text::base64_encode(record.value);
  return view;
}

ExpectedItem expected_record(const RecordPattern& p) {
  json view = expected_value_view(p.value);
  if (p.egress) {
    view["egress"] = *p.egress;
  }
  if (p.key) {
    view["key"] = *p.key;
  }
  return {std::move(view), p.value.subset, p.where};
}

std::string topic_label(const std::string& topic) {
  return "egress record on topic '" + topic + "'";
}

/// The listed records as a subsequence of the topic's, in order; with `exact`, nothing else.
void check_in_order(const std::vector<ExpectedItem>& expected,
                    const std::vector<json>& actual,
                    bool exact,
                    const std::string& label,
                    std::vector<std::string>& failures) {
  std::size_t next = 0;
  for (std::size_t e = 0; e < expected.size(); ++e) {
    std::size_t found = next;
    while (found < actual.size() &&
           !view_matches(expected[e].view, actual[found], expected[e].subset)) {
      ++found;
    }
    if (found < actual.size()) {
      next = found + 1;
      continue;
    }
    std::string failure = "expected " + label + " #" + std::to_string(e + 1) + " not found" +
                          (e > 0 ? " after #" + std::to_string(e) : "") + " (" +
                          expected[e].where.str() + ")";
    if (next >= actual.size()) {
      failure += ": the topic got " + std::to_string(actual.size()) +
                 (actual.size() == 1 ? " record" : " records") + "; expected:\n    " +
                 compact(expected[e].view);
    } else {
      std::string where;
      (void)view_matches(expected[e].view, actual[next], expected[e].subset, &where);
      failure += "\n  record #" + std::to_string(next + 1) + " of " +
                 std::to_string(actual.size()) + ", where it was expected, differs at " + where +
                 " (- expected, + actual):\n" +
                 view_diff(expected[e].view, actual[next], expected[e].subset);
    }
    failures.push_back(std::move(failure));
    return;
  }
  for (std::size_t a = next; exact && a < actual.size(); ++a) {
    failures.push_back("unexpected " + label + " (#" + std::to_string(a + 1) +
                       " of the topic): " + compact(display_view(actual[a])));
  }
}

void check_egress(const PipelineExpectations& e,
                  const RunResult& result,
                  std::vector<std::string>& failures) {
  if (!e.egress && !e.nothing_else) {
    return;
  }
  std::set<std::string> listed;
  for (const TopicPattern& topic : e.egress.value_or(std::vector<TopicPattern>{})) {
    listed.insert(topic.topic);
    std::vector<ExpectedItem> expected;
    for (const RecordPattern& record : topic.records) {
      expected.push_back(expected_record(record));
    }
    std::vector<json> actual;
    for (const EgressRecord& record : result.egress) {
      if (record.topic == topic.topic) {
        actual.push_back(record_view(record));
      }
    }
    const bool exact = e.nothing_else || topic.records.empty();
    if (e.egress_in_order) {
      check_in_order(expected, actual, exact, topic_label(topic.topic), failures);
    } else {
      for (auto& failure : match_items(expected, actual, exact, topic_label(topic.topic))) {
        failures.push_back(std::move(failure));
      }
    }
  }
  if (!e.nothing_else) {
    return;
  }
  for (const EgressRecord& record : result.egress) {
    if (!listed.contains(record.topic)) {
      failures.push_back("unexpected " + topic_label(record.topic) + " (no such topic is " +
                         "expected): " + compact(display_view(record_view(record))));
    }
  }
}

void check_messages(const PipelineExpectations& e,
                    const std::vector<runtime::TraceEvent>& messages,
                    std::vector<std::string>& failures) {
  if (!e.messages && !e.nothing_else) {
    return;
  }
  std::vector<ExpectedItem> expected;
  for (const EffectPattern& p : e.messages.value_or(std::vector<EffectPattern>{})) {
    expected.push_back(expected_effect(p));
  }
  std::vector<json> actual;
  for (const runtime::TraceEvent& m : messages) {
    json view = m.value ? value_view(*m.value) : json{{"has_value", false}};
    view["to"] = m.to ? m.to->str() : "";
    view["from"] = m.from ? m.from->str() : "";
    actual.push_back(std::move(view));
  }
  const bool exact = e.nothing_else || (e.messages && e.messages->empty());
  for (auto& failure : match_items(expected, actual, exact, "message")) {
    failures.push_back(std::move(failure));
  }
}

const TypedValue* find_value(const runtime::AddressState* state, const std::string& name) {
  if (state == nullptr) {
    return nullptr;
  }
  for (const auto& [state_name, value] : state->values) {
    if (state_name == name) {
      return &value;
    }
  }
  return nullptr;
}

/// How one expected state differs from what the address holds (`value`, null for nothing), or
/// nullopt when it matches.
std::optional<std::string> state_failure(const StatePattern& p,
                                         const TypedValue* value,
                                         const std::string& address) {
  std::string failure = "state '" + p.name;
  failure.append("' of ").append(address).append(" (").append(p.where.str()).append(")");
  if (p.kind == StatePattern::Kind::remove) {
    if (value == nullptr) {
      return std::nullopt;
    }
    return failure.append(": expected none, but it holds ")
        .append(compact(display_view(value_view(*value))));
  }
  if (value == nullptr) {
    return failure.append(": expected a value, but the address holds none");
  }
  const json expected = expected_value_view(p.value);
  const json shown = value_view(*value);
  std::string where;
  if (view_matches(expected, shown, p.value.subset, &where)) {
    return std::nullopt;
  }
  return failure.append(": a different value\n  differs at ")
      .append(where)
      .append(" (- expected, + actual):\n")
      .append(view_diff(expected, shown, p.value.subset));
}

void check_address(const AddressStatePattern& pattern,
                   const runtime::AddressState* actual,
                   bool nothing_else,
                   std::vector<std::string>& failures) {
  const std::string address = pattern.address.str();
  std::set<std::string> named;
  for (const StatePattern& p : pattern.states) {
    named.insert(p.name);
    if (auto failure = state_failure(p, find_value(actual, p.name), address)) {
      failures.push_back(std::move(*failure));
    }
  }
  if (!nothing_else || actual == nullptr) {
    return;
  }
  for (const auto& [name, value] : actual->values) {
    if (!named.contains(name)) {
      std::string failure = "unexpected state '" + name;
      failure.append("' of ").append(address).append(": ").append(
          compact(display_view(value_view(value))));
      failures.push_back(std::move(failure));
    }
  }
}

void check_state(const PipelineExpectations& e,
                 const RunResult& result,
                 std::vector<std::string>& failures) {
  if (!e.state && !e.nothing_else) {
    return;
  }
  std::set<std::string> listed;
  for (const AddressStatePattern& pattern : e.state.value_or(std::vector<AddressStatePattern>{})) {
    listed.insert(pattern.address.str());
    const runtime::AddressState* actual = nullptr;
    for (const runtime::AddressState& state : result.state) {
      actual = state.address == pattern.address ? &state : actual;
    }
    check_address(pattern, actual, e.nothing_else, failures);
  }
  if (!e.nothing_else) {
    return;
  }
  for (const runtime::AddressState& state : result.state) {
    if (!state.values.empty() && !listed.contains(state.address.str())) {
      std::string names;
      for (const auto& [name, value] : state.values) {
        names += (names.empty() ? "'" : ", '") + name + "'";
      }
      failures.push_back("unexpected state of " + state.address.str() + ": " + names);
    }
  }
}

/// How the run ended against `failure`: empty when as expected.
std::vector<std::string> check_end(const PipelineExpectations& e, const RunResult& result) {
  const bool failed = result.end == RunResult::End::failed;
  if (!e.failure) {
    if (!failed) {
      return {};
    }
    std::string failure = "the run failed as a Flink job fails: " + result.failure;
    for (const std::string& what : result.in_flight) {
      failure += "\n  in flight: " + what;
    }
    return {failure};
  }
  if (!failed) {
    return {"expected the run to fail with " + compact(*e.failure) + " (" + e.where.str() +
            "), but it ended without a failure"};
  }
  if (!json_matches(json(result.failure), *e.failure, false)) {
    return {"failure (" + e.where.str() + "): expected " + compact(*e.failure) + ", got " +
            compact(json(result.failure))};
  }
  return {};
}

}  // namespace

std::vector<std::string> check_pipeline(const PipelineExpectations& expect,
                                        const PipelineOutcome& outcome) {
  std::vector<std::string> failures = check_end(expect, outcome.result);
  if (!failures.empty() && !expect.failure) {
    return failures;  // what a failed run left is not what the case is about
  }
  check_egress(expect, outcome.result, failures);
  check_messages(expect, outcome.messages, failures);
  check_state(expect, outcome.result, failures);
  return failures;
}

}  // namespace statefun::cases::detail
