// The documented differences between the greetings of the C++ greeter (the Go playground's
// texts) and of the JavaScript playground greeter, as rules that rewrite a JS answer into the
// C++ one. Everything else in the two answers must be equal.
//
//   rule id                JS greeting                                   C++ greeting
//   js.zero-visits-empty   visits 0: ""                                  "Welcome NAME"
//   js.third-time          "Third time is a charm NAME"                  "Third time is the charm
//   NAME" js.nth-time            n >= 4: "Nice to see you at the n-nth time NAME!"
//                                                                        "Nice to see you for the
//                                                                        n-th time NAME!"
//   js.below-one           n < 0: "Nice to see you at the n-nth time NAME!"  "Welcome NAME"
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <statefun/protocol/request.hpp>

namespace statefun::interop {

inline constexpr const char* kJsZeroVisitsEmpty = "js.zero-visits-empty";
inline constexpr const char* kJsThirdTime = "js.third-time";
inline constexpr const char* kJsNthTime = "js.nth-time";
inline constexpr const char* kJsBelowOne = "js.below-one";

/// A JS answer rewritten into the C++ texts, and the ids of the rules that fired (in order,
/// one per rewritten greeting).
struct Normalized {
  nlohmann::json answer;
  std::vector<std::string> applied;
};

/// Rewrites the payloads of the io.statefun.playground/EgressRecord egress records in `answer`
/// (the readable form of a decoded response, protocol::to_json) with the rules above. The
/// request tells each record's name (the n-th record answers the n-th invocation), which the
/// empty visits-0 greeting lacks.
Normalized normalize_js_answer(nlohmann::json answer, const protocol::Request& request);

}  // namespace statefun::interop
