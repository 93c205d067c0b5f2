#include "greeting_differences.hpp"

#include <optional>
#include <regex>
#include <string_view>
#include <utility>

#include <statefun/protocol/json_form.hpp>

namespace statefun::interop {

namespace {

using nlohmann::json;

constexpr std::string_view kEgressRecord = "io.statefun.playground/EgressRecord";

/// The "name" of the GreetRequest of invocation `index`, when there is one.
std::optional<std::string> requested_name(const protocol::Request& request, std::size_t index) {
  if (index >= request.invocations.size()) {
    return std::nullopt;
  }
  const json argument = protocol::to_json(request.invocations[index].argument);
  const json* value = argument.contains("value") ? &argument["value"] : nullptr;
  if (value == nullptr || !value->is_object() || !value->contains("name") ||
      !(*value)["name"].is_string()) {
    return std::nullopt;
  }
  return (*value)["name"].get<std::string>();
}

/// The C++ text for one JS greeting, and the rule used; nullopt when no rule applies.
std::optional<std::pair<std::string, const char*>> rewrite(const std::string& payload,
                                                           const std::optional<std::string>& name) {
  static const std::string third = "Third time is a charm ";
  static const std::regex nth(R"(^Nice to see you at the (-?\d+)-nth time (.*)!$)");
  if (payload.empty() && name) {
    return std::pair{"Welcome " + *name, kJsZeroVisitsEmpty};
  }
  if (payload.starts_with(third)) {
    return std::pair{"Third time is the charm " + payload.substr(third.size()), kJsThirdTime};
  }
  std::smatch match;
  if (!std::regex_match(payload, match, nth)) {
    return std::nullopt;
  }
  const long long visits = std::stoll(match[1]);
  const std::string who = match[2];
  if (visits >= 4) {
    return std::pair{"Nice to see you for the " + std::to_string(visits) + "-th time " + who + "!",
                     kJsNthTime};
  }
  if (visits < 0) {
    return std::pair{"Welcome " + who, kJsBelowOne};
  }
  return std::nullopt;
}

}  // namespace

Normalized normalize_js_answer(json answer, const protocol::Request& request) {
  Normalized out{std::move(answer), {}};
  if (!out.answer.contains("invocation_result")) {
    return out;
  }
  json& result = out.answer["invocation_result"];
  if (!result.contains("outgoing_egresses")) {
    return out;
  }
  std::size_t index = 0;
  for (json& egress : result["outgoing_egresses"]) {
    json& argument = egress["argument"];
    const std::optional<std::string> name = requested_name(request, index++);
    if (argument.value("typename", "") != kEgressRecord || !argument.contains("value") ||
        !argument["value"].is_object() || !argument["value"].contains("payload") ||
        !argument["value"]["payload"].is_string()) {
      continue;
    }
    json& payload = argument["value"]["payload"];
    if (const auto rewritten = rewrite(payload.get<std::string>(), name)) {
      payload = rewritten->first;
      out.applied.emplace_back(rewritten->second);
    }
  }
  return out;
}

}  // namespace statefun::interop
