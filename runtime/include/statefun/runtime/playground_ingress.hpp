// The playground HTTP ingress's rules: which message one HTTP request carries, as
// flink-statefun-playground's ingress reads it (PROTOCOL.md 4.3).
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include <statefun/runtime/runtime.hpp>

namespace statefun::runtime {

/// Why a request carries no message: the HTTP status that says so and a reason.
struct IngressRejection {
  int status = 404;
  std::string reason;
};

/// The message of a request to the playground ingress (any method): the path names the target
/// `/namespace/type/id` (exactly three non-empty segments, each percent-decoded, a '/' only in
/// the id; a trailing '/' and the query are ignored); a Content-Type `application/vnd.<typename>`
/// gives the value's typename, anything else `io.statefun.types/string`; the body is the value's
/// bytes as they are (raw text, not the SDKs' string wrapper, as the playground does).
///
/// Example:
///   const auto read = read_playground_ingress(
///       "/example/person/Bob", "application/vnd.example/GreetRequest", R"({"name":"Bob"})");
///   assert(std::get<IngressMessage>(read).target == Address("example/person", "Bob"));
std::variant<IngressMessage, IngressRejection> read_playground_ingress(
    std::string_view target, std::string_view content_type, std::string_view body);

}  // namespace statefun::runtime
