#include "greeter.hpp"

#include <limits>

#include <statefun/json.hpp>

namespace greeter {

namespace {

/// A GreetRequest as the playground sends it: {"name": "George", "visits": 3}; visits may be
/// absent (0). Checked field by field so that a bad request gets a precise reason.
struct GreetRequest {
  std::string name;
  std::int64_t visits = 0;
};

[[noreturn]] void reject(const std::string& reason) {
  throw statefun::Error(statefun::errc::invalid_message, "invalid GreetRequest: " + reason);
}

GreetRequest parse_greet_request(const nlohmann::json& json) {
  if (!json.is_object()) {
    reject("expected a JSON object, got " + json.dump());
  }
  const auto name = json.find("name");
  if (name == json.end() || !name->is_string()) {
    reject("\"name\" must be a string");
  }
  GreetRequest request{name->get<std::string>()};
  const auto visits = json.find("visits");
  if (visits == json.end() || visits->is_null()) {
    return request;
  }
  if (visits->is_number_unsigned() &&
      visits->get<std::uint64_t>() > std::uint64_t{std::numeric_limits<std::int64_t>::max()}) {
    reject("\"visits\" is out of range");
  }
  if (!visits->is_number_integer()) {
    reject("\"visits\" must be an integer, got " + visits->dump());
  }
  request.visits = visits->get<std::int64_t>();
  return request;
}

const statefun::Type<nlohmann::json>& greet_request_type() {
  static const auto type = statefun::make_json_type("example/GreetRequest");
  return type;
}

/// Ordered, so that the record reads {"topic": ..., "payload": ...} as the Go greeter writes it.
const statefun::Type<nlohmann::ordered_json>& egress_record_type() {
  static const auto type =
      statefun::make_json_type<nlohmann::ordered_json>("io.statefun.playground/EgressRecord");
  return type;
}

const statefun::ValueSpec<std::int32_t>& visits_spec() {
  static const statefun::ValueSpec<std::int32_t> spec("visits", statefun::int_type());
  return spec;
}

}  // namespace

std::string compute_greeting(std::string_view name, std::int64_t visits) {
  const std::string who(name);
  switch (visits) {
    case 2:
      return "Nice to see you again " + who;
    case 3:
      return "Third time is the charm " + who;
    default:
      break;
  }
  if (visits <= 1) {
    return "Welcome " + who;
  }
  return "Nice to see you for the " + std::to_string(visits) + "-th time " + who + "!";
}

void person(statefun::Context& context, const statefun::Message& message) {
  const GreetRequest request = parse_greet_request(message.as(greet_request_type()));
  auto& storage = context.storage();
  const std::int32_t seen = storage.get(visits_spec()).value_or(0);
  const std::int32_t visits = seen == std::numeric_limits<std::int32_t>::max() ? seen : seen + 1;
  storage.set(visits_spec(), visits);
  context.send(statefun::MessageBuilder("example/greeter", request.name)
                   .with_value(greet_request_type(), {{"name", request.name}, {"visits", visits}})
                   .build());
}

void greet(statefun::Context& context, const statefun::Message& message) {
  const GreetRequest request = parse_greet_request(message.as(greet_request_type()));
  const nlohmann::ordered_json record = {
      {"topic", "greetings"}, {"payload", compute_greeting(request.name, request.visits)}};
  context.send_egress(statefun::EgressMessageBuilder("io.statefun.playground/egress")
                          .with_value(egress_record_type(), record)
                          .build());
}

void bind_functions(statefun::StatefulFunctions& functions) {
  functions.bind("example/person", {visits_spec()}, person);
  functions.bind("example/greeter", {}, greet);
}

}  // namespace greeter
