// The statefun-playground greeter, in C++: example/person counts visits and asks
// example/greeter to greet; example/greeter sends the greeting to the playground egress.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <statefun/statefun.hpp>

#include "greet_json.hpp"

namespace greeter {

/// The greeting for the n-th visit, with the Go greeter's exact texts:
/// 1 "Welcome NAME", 2 "Nice to see you again NAME", 3 "Third time is the charm NAME",
/// n >= 4 "Nice to see you for the n-th time NAME!". Unlike the Go original, which fails on
/// them, a count below 1 is greeted as a first visit.
std::string compute_greeting(std::string_view name, std::int64_t visits);

/// example/person: counts the visits of one person (state `visits`, io.statefun.types/int) and
/// sends an example/GreetRequest {"name", "visits"} to example/greeter/<name>.
void person(statefun::Context& context, const statefun::Message& message);

/// example/greeter: sends {"topic": "greetings", "payload": greeting} with typename
/// io.statefun.playground/EgressRecord to the egress io.statefun.playground/egress.
void greet(statefun::Context& context, const statefun::Message& message);

/// Binds example/person and example/greeter.
void bind_functions(statefun::StatefulFunctions& functions);

}  // namespace greeter
