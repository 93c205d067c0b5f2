// Parsing a step's `expect` map, typenames and addresses.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <statefun/error.hpp>
#include <statefun/text/base64.hpp>

#include "json_pattern.hpp"
#include "test_file_parser.hpp"

namespace statefun::cases::detail {

namespace {

using nlohmann::json;

json read_pattern(const SourceNode& node) {
  json pattern = to_json(node);
  if (const std::string reason = invalid_regex(pattern); !reason.empty()) {
    fail(node, reason);
  }
  return pattern;
}

EffectPattern read_effect(const SourceNode& node, EffectKind kind, const TypeAliases& types) {
  static constexpr std::array<const char*, 4> kWhat = {"an expected message",
                                                       "an expected delayed message",
                                                       "an expected egress record",
                                                       "an expected message"};
  MapReader r(node, kWhat.at(static_cast<std::size_t>(kind)));
  EffectPattern effect;
  effect.where = node.where;
  if (kind == EffectKind::delayed) {
    if (const SourceNode* cancel = r.optional("cancel")) {
      effect.cancel = read_string(*cancel, "cancel");
      r.finish();  // a cancellation has only its token
      return effect;
    }
    if (const SourceNode* delay = r.optional("delay")) {
      effect.delay = read_duration(*delay, "delay");
    }
    if (const SourceNode* token = r.optional("token")) {
      effect.token = read_string(*token, "token");
    }
  }
  if (kind == EffectKind::pipeline_message) {
    if (const SourceNode* from = r.optional("from")) {
      effect.from = read_address(*from, "from").str();
    }
  }
  if (const SourceNode* to = r.optional("to")) {
    effect.to = kind == EffectKind::egress ? read_type_name(*to, "to (the egress)")
                                           : read_address(*to, "to").str();
  }
  effect.value = read_value_pattern(r, types);
  r.finish();
  return effect;
}

void read_expire(const SourceNode& node, MissingStatePattern& missing) {
  const std::string text = read_string(node, "expire");
  const std::size_t space = text.find(' ');
  const std::string mode = text.substr(0, space);
  if (mode == "none" && space == std::string::npos) {
    missing.expire_mode = Expiration::Mode::none;
    return;
  }
  if ((mode != "after_write" && mode != "after_call" && mode != "after_invoke") ||
      space == std::string::npos) {
    fail(node,
         "expire must be none, 'after_write DURATION' or 'after_call DURATION', not " +
             describe(node));
  }
  missing.expire_mode =
      mode == "after_write" ? Expiration::Mode::after_write : Expiration::Mode::after_call;
  SourceNode duration = node;
  duration.text = text.substr(space + 1);
  missing.expire_after = read_duration(duration, "expire");
}

std::vector<MissingStatePattern> read_missing(const SourceNode& node, const TypeAliases& types) {
  if (!node.is_sequence() || node.items.empty()) {
    fail(node, "missing_state must be a list of states, not " + describe(node));
  }
  std::vector<MissingStatePattern> missing;
  for (const SourceNode& item : node.items) {
    MissingStatePattern entry{"", std::nullopt, std::nullopt, {}, item.where};
    if (item.is_scalar()) {
      entry.name = item.text;
    } else {
      MapReader r(item, "a missing state");
      entry.name = read_string(r.required("name"), "name");
      if (const SourceNode* type = r.optional("type")) {
        entry.type_name = types.resolve(*type);
      }
      if (const SourceNode* expire = r.optional("expire")) {
        read_expire(*expire, entry);
      }
      r.finish();
    }
    missing.push_back(std::move(entry));
  }
  return missing;
}

void check_combinations(const Expectations& e, const SourceNode& node) {
  const bool effects = e.messages || e.delayed || e.egress || e.state;
  if (e.status != 200 && (effects || e.missing_state)) {
    fail(node, "a status other than 200 has no effects to expect; check its 'body' instead");
  }
  if (e.status == 200 && e.body) {
    fail(*node.find("body"), "'body' checks the text of an error answer (status 4xx or 5xx)");
  }
  if (e.missing_state && effects) {
    fail(node, "a missing-state answer has no effects: expect either missing_state or effects");
  }
}

}  // namespace

ValuePattern read_value_pattern(MapReader& r, const TypeAliases& types) {
  ValuePattern pattern;
  if (const SourceNode* type = r.optional("type")) {
    pattern.type_name = types.resolve(*type);
  }
  const SourceNode* value = r.optional("value");
  const SourceNode* text = r.optional("text");
  const SourceNode* base64 = r.optional("base64");
  if (count_present({value, text, base64}) > 1) {
    fail(r.node(), "write at most one of 'value' (decoded JSON), 'text' or 'base64'");
  }
  if (value != nullptr) {
    pattern.value = read_pattern(*value);
  }
  if (text != nullptr) {
    pattern.text = read_pattern(*text);
    if (!pattern.text->is_string() && !is_regex(*pattern.text)) {
      fail(*text, "text must be a string or {$regex: ...}, not " + describe(*text));
    }
  }
  if (base64 != nullptr) {
    pattern.base64 = read_string(*base64, "base64");
    if (!text::base64_decode(*pattern.base64)) {
      fail(*base64, "base64 is not valid padded base64");
    }
  }
  if (const SourceNode* match = r.optional("match")) {
    const std::string mode = read_string(*match, "match");
    if (mode != "exact" && mode != "subset") {
      fail(*match, "match must be 'exact' or 'subset', not " + describe(*match));
    }
    pattern.subset = mode == "subset";
  }
  return pattern;
}

std::vector<EffectPattern> read_effects(const SourceNode& node,
                                        EffectKind kind,
                                        const TypeAliases& types) {
  if (!node.is_sequence()) {
    fail(node, "expected effects must be a list ([] for none), not " + describe(node));
  }
  std::vector<EffectPattern> effects;
  for (const SourceNode& item : node.items) {
    effects.push_back(read_effect(item, kind, types));
  }
  return effects;
}

std::vector<StatePattern> read_state_patterns(const SourceNode& node,
                                              const TypeAliases& types,
                                              bool unchanged_allowed) {
  MapReader names(node, "expected state");
  std::vector<StatePattern> states;
  for (const auto& [name, value] : node.entries) {
    names.optional(name.text);
    StatePattern state{name.text, StatePattern::Kind::modify, {}, value.where};
    if (value.is_scalar() &&
        (value.text == "deleted" || (unchanged_allowed && value.text == "unchanged"))) {
      state.kind =
          value.text == "deleted" ? StatePattern::Kind::remove : StatePattern::Kind::unchanged;
    } else {
      if (!value.is_map()) {
        fail(value,
             "state '" + name.text + "' must be {type, value}" +
                 (unchanged_allowed ? ", deleted or unchanged" : " or deleted") + ", not " +
                 describe(value));
      }
      MapReader r(value, "state '" + name.text + "'");
      state.value = read_value_pattern(r, types);
      r.finish();
    }
    states.push_back(std::move(state));
  }
  return states;
}

Expectations parse_expectations(const SourceNode& node, const TypeAliases& types) {
  MapReader r(node, "expect");
  Expectations e;
  e.where = node.where;
  if (const SourceNode* status = r.optional("status")) {
    const std::int64_t code = read_integer(*status, "status");
    if (code < 100 || code > 599) {
      fail(*status, "status must be an HTTP status from 100 to 599");
    }
    e.status = static_cast<int>(code);
  }
  if (const SourceNode* body = r.optional("body")) {
    e.body = read_pattern(*body);
    if (!e.body->is_string() && !is_regex(*e.body)) {
      fail(*body, "body must be a string or {$regex: ...}, not " + describe(*body));
    }
  }
  const auto effects = [&](const char* key, EffectKind kind, auto& out) {
    if (const SourceNode* list = r.optional(key)) {
      out = read_effects(*list, kind, types);
    }
  };
  effects("messages", EffectKind::message, e.messages);
  effects("delayed", EffectKind::delayed, e.delayed);
  effects("egress", EffectKind::egress, e.egress);
  if (const SourceNode* state = r.optional("state")) {
    e.state = read_state_patterns(*state, types, true);
  }
  if (const SourceNode* missing = r.optional("missing_state")) {
    e.missing_state = read_missing(*missing, types);
  }
  if (const SourceNode* nothing_else = r.optional("nothing_else")) {
    e.nothing_else = read_bool(*nothing_else, "nothing_else");
  }
  r.finish();
  check_combinations(e, node);
  return e;
}

}  // namespace statefun::cases::detail
