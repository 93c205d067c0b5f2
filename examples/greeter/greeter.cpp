#include "greeter.hpp"

#include <limits>

namespace greeter {

namespace {

const statefun::ValueSpec<std::int32_t>& visits_spec() {
  static const statefun::ValueSpec<std::int32_t> spec("visits", statefun::int_type());
  return spec;
}

const statefun::TypeName& playground_egress() {
  static const statefun::TypeName egress("io.statefun.playground/egress");
  return egress;
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
  GreetRequest request = message.as(greet_request_type());
  auto& storage = context.storage();
  const std::int32_t seen = storage.get(visits_spec()).value_or(0);
  const std::int32_t visits = seen == std::numeric_limits<std::int32_t>::max() ? seen : seen + 1;
  storage.set(visits_spec(), visits);
  request.visits = visits;
  context.send(statefun::MessageBuilder("example/greeter", request.name)
                   .with_value(greet_request_type(), request)
                   .build());
}

void greet(statefun::Context& context, const statefun::Message& message) {
  const GreetRequest request = message.as(greet_request_type());
  const EgressRecord record{"greetings", compute_greeting(request.name, request.visits)};
  context.send_egress(statefun::EgressMessageBuilder(playground_egress())
                          .with_value(egress_record_type(), record)
                          .build());
}

void bind_functions(statefun::StatefulFunctions& functions) {
  functions.bind("example/person", {visits_spec()}, person);
  functions.bind("example/greeter", {}, greet);
}

}  // namespace greeter
