#include "admin_view.hpp"

#include <chrono>
#include <string>
#include <utility>
#include <variant>

#include <nlohmann/json.hpp>

#include <statefun/http/syntax.hpp>
#include <statefun/protocol/json_form.hpp>
#include <statefun/runtime/playground_ingress.hpp>
#include <statefun/runtime/runtime.hpp>

namespace statefun::runtime::detail {

namespace {

using nlohmann::json;

constexpr std::string_view kState = "/state";

json address_json(const AddressState& state) {
  json values = json::object();
  for (const auto& [name, value] : state.values) {
    values[name] = protocol::to_json(value);
  }
  return {{"address", state.address.str()},
          {"state", std::move(values)},
          {"backlog", state.backlog},
          {"in_flight", state.in_flight}};
}

json delayed_json(const DelayedMessage& message, Clock::time_point now) {
  json out = {{"from", message.sender.str()},
              {"to", message.target.str()},
              {"due_in_ms",
               std::chrono::duration_cast<std::chrono::milliseconds>(message.due - now).count()},
              {"argument", protocol::to_json(message.argument)}};
  if (!message.cancellation_token.empty()) {
    out["token"] = message.cancellation_token;
  }
  return out;
}

LocalResponse json_response(const json& body) {
  return {.status = 200, .body_type = http::BodyType::json, .body = body.dump(2) + "\n"};
}

}  // namespace

LocalResponse admin_answer(std::string_view target,
                           const std::vector<AddressState>& states,
                           const std::vector<const DelayedMessage*>& delayed,
                           Clock::time_point now) {
  const std::string_view path = http::target_path(target);
  if (path == kState || path == "/state/") {
    json out = {{"addresses", json::array()}, {"delayed", json::array()}};
    for (const AddressState& state : states) {
      out["addresses"].push_back(address_json(state));
    }
    for (const DelayedMessage* message : delayed) {
      out["delayed"].push_back(delayed_json(*message, now));
    }
    return json_response(out);
  }
  if (!path.starts_with("/state/")) {
    return {.status = 404, .body = "the admin endpoint serves /state and /state/namespace/type/id"};
  }
  const auto read = read_playground_ingress(path.substr(kState.size()), "", "");
  if (std::holds_alternative<IngressRejection>(read)) {
    return {.status = 404,
            .body = "the admin endpoint serves /state/namespace/type/id, not '" +
                    std::string(path) + "'"};
  }
  const Address& address = std::get<IngressMessage>(read).target;
  for (const AddressState& state : states) {
    if (state.address == address) {
      json out = address_json(state);
      out["delayed"] = json::array();
      for (const DelayedMessage* message : delayed) {
        if (message->target == address) {
          out["delayed"].push_back(delayed_json(*message, now));
        }
      }
      return json_response(out);
    }
  }
  return {.status = 404, .body = "the run has not seen " + address.str() + " (yet)"};
}

}  // namespace statefun::runtime::detail

namespace statefun::runtime {

std::string admin_state_path(const Address& address) {
  std::string path(detail::kState);
  for (const std::string_view part :
       {address.type.ns(), address.type.name(), std::string_view(address.id)}) {
    path += '/';
    http::append_percent_encoded(part, path);
  }
  return path;
}

}  // namespace statefun::runtime
