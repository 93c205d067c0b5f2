// Checking a step's outcome: status, body, effects, state changes, missing state.
#include "expectations.hpp"

#include <cstdint>
#include <optional>
#include <set>
#include <type_traits>
#include <utility>

#include <statefun/protocol/json_form.hpp>

#include "json_pattern.hpp"

namespace statefun::cases::detail {

namespace {

using nlohmann::json;

std::string format_duration(std::int64_t ms) {
  if (ms != 0 && ms % 3'600'000 == 0) {
    return std::to_string(ms / 3'600'000) + "h";
  }
  if (ms != 0 && ms % 60'000 == 0) {
    return std::to_string(ms / 60'000) + "m";
  }
  if (ms != 0 && ms % 1000 == 0) {
    return std::to_string(ms / 1000) + "s";
  }
  return std::to_string(ms) + "ms";
}

std::string format_expire(Expiration::Mode mode, std::int64_t ms) {
  switch (mode) {
    case Expiration::Mode::after_write:
      return "after_write " + format_duration(ms);
    case Expiration::Mode::after_call:
      return "after_call " + format_duration(ms);
    case Expiration::Mode::none:
      break;
  }
  return "none";
}

std::vector<json> actual_delayed(const protocol::Response& r) {
  std::vector<json> views;
  for (const auto& d : r.delayed) {
    if (d.is_cancellation) {
      views.push_back({{"cancel", d.cancellation_token}});
      continue;
    }
    json view = d.argument ? value_view(*d.argument) : json{{"has_value", false}};
    view["to"] = d.target ? d.target->str() : "";
    view["delay"] = format_duration(d.delay_ms);
    if (!d.cancellation_token.empty()) {
      view["token"] = d.cancellation_token;
    }
    views.push_back(std::move(view));
  }
  return views;
}

template <typename Sent>
std::vector<json> actual_effects(const std::vector<Sent>& sent) {
  std::vector<json> views;
  for (const auto& item : sent) {
    json view = value_view(item.argument);
    if constexpr (std::is_same_v<Sent, protocol::SentEgress>) {
      view["to"] = item.egress;
    } else {
      view["to"] = item.target.str();
    }
    views.push_back(std::move(view));
  }
  return views;
}

void check_list(const std::optional<std::vector<EffectPattern>>& patterns,
                const std::vector<json>& actual,
                bool nothing_else,
                const std::string& label,
                std::vector<std::string>& failures) {
  if (!patterns && !nothing_else) {
    return;
  }
  std::vector<ExpectedItem> expected;
  for (const auto& p : patterns.value_or(std::vector<EffectPattern>{})) {
    expected.push_back(expected_effect(p));
  }
  const bool exact = nothing_else || (patterns && patterns->empty());
  for (auto& failure : match_items(expected, actual, exact, label)) {
    failures.push_back(std::move(failure));
  }
}

void check_missing(const Expectations& e,
                   const protocol::Response& r,
                   std::vector<std::string>& failures) {
  if (!r.asks_for_state()) {
    failures.push_back("expected a missing-state answer, got " + compact(protocol::to_json(r)));
    return;
  }
  std::vector<ExpectedItem> expected;
  for (const auto& m : *e.missing_state) {
    json view = {{"name", m.name}};
    if (m.type_name) {
      view["type"] = *m.type_name;
    }
    if (m.expire_mode) {
      view["expire"] = format_expire(*m.expire_mode, m.expire_after.count());
    }
    expected.push_back({std::move(view), false, m.where});
  }
  std::vector<json> actual;
  for (const auto& m : r.missing_values) {
    actual.push_back({{"name", m.name},
                      {"type", m.type_name},
                      {"expire", format_expire(m.expiration_mode, m.expire_after_ms)}});
  }
  for (auto& failure : match_items(expected, actual, e.nothing_else, "missing state")) {
    failures.push_back(std::move(failure));
  }
}

std::string describe_mutation(const protocol::StateMutation& m) {
  return m.kind == protocol::StateMutation::Kind::remove
             ? "deleted"
             : "written " + compact(display_view(value_view(*m.value)));
}

std::optional<std::string> check_one_state(const StatePattern& p,
                                           const protocol::StateMutation* m) {
  const std::string intro = "state '" + p.name + "' (" + p.where.str() + "): expected ";
  if (p.kind == StatePattern::Kind::unchanged) {
    return m == nullptr ? std::nullopt
                        : std::optional(intro + "unchanged, but it was " + describe_mutation(*m));
  }
  if (m == nullptr) {
    return intro + (p.kind == StatePattern::Kind::remove ? "deleted" : "written") +
           ", but it was not changed";
  }
  if (p.kind == StatePattern::Kind::remove || m->kind == protocol::StateMutation::Kind::remove) {
    return p.kind == StatePattern::Kind::remove && m->kind == protocol::StateMutation::Kind::remove
               ? std::nullopt
               : std::optional(intro +
                               (p.kind == StatePattern::Kind::remove ? "deleted" : "written") +
                               ", but it was " + describe_mutation(*m));
  }
  const json expected = expected_value_view(p.value);
  const json actual = value_view(m->value.value_or(TypedValue{}));
  std::string where;
  if (view_matches(expected, actual, p.value.subset, &where)) {
    return std::nullopt;
  }
  return intro + "a different value\n  differs at " + where + " (- expected, + actual):\n" +
         view_diff(expected, actual, p.value.subset);
}

void check_state(const Expectations& e,
                 const protocol::Response& r,
                 std::vector<std::string>& failures) {
  std::set<std::string> named;
  for (const auto& p : e.state.value_or(std::vector<StatePattern>{})) {
    named.insert(p.name);
    const protocol::StateMutation* found = nullptr;
    for (const auto& m : r.mutations) {
      found = m.name == p.name ? &m : found;
    }
    if (auto failure = check_one_state(p, found)) {
      failures.push_back(std::move(*failure));
    }
  }
  if (e.nothing_else || (e.state && e.state->empty())) {
    for (const auto& m : r.mutations) {
      if (!named.contains(m.name)) {
        failures.push_back("unexpected state change: '" + m.name + "' " + describe_mutation(m));
      }
    }
  }
}

std::string status_failure(const Expectations& e, const StepOutcome& o) {
  std::string out = "expected status " + std::to_string(e.status) + ", got " +
                    std::to_string(o.status) + " (" + e.where.str() + ")";
  if (o.status == 200) {
    return out + "; the answer: " + compact(protocol::to_json(o.response));
  }
  return out + (o.body.empty() ? "" : ": " + compact(json(o.body)));
}

}  // namespace

ExpectedItem expected_effect(const EffectPattern& p) {
  if (p.cancel) {
    return {{{"cancel", *p.cancel}}, false, p.where};
  }
  json view = expected_value_view(p.value);
  if (p.to) {
    view["to"] = *p.to;
  }
  if (p.from) {
    view["from"] = *p.from;
  }
  if (p.delay) {
    view["delay"] = format_duration(p.delay->count());
  }
  if (p.token) {
    view["token"] = *p.token;
  }
  return {std::move(view), p.value.subset, p.where};
}

std::vector<std::string> check_expectations(const Expectations& e, const StepOutcome& o) {
  std::vector<std::string> failures;
  if (o.status != e.status) {
    failures.push_back(status_failure(e, o));
    return failures;
  }
  if (e.status != 200) {
    if (e.body && !json_matches(json(o.body), *e.body, false)) {
      failures.push_back("body (" + e.where.str() + "): expected " + compact(*e.body) + ", got " +
                         compact(json(o.body)));
    }
    return failures;
  }
  const protocol::Response& r = o.response;
  if (e.missing_state) {
    check_missing(e, r, failures);
    return failures;
  }
  check_list(e.messages, actual_effects(r.messages), e.nothing_else, "message", failures);
  check_list(e.delayed, actual_delayed(r), e.nothing_else, "delayed message", failures);
  check_list(e.egress, actual_effects(r.egress), e.nothing_else, "egress record", failures);
  check_state(e, r, failures);
  return failures;
}

}  // namespace statefun::cases::detail
