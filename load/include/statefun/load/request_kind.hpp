// RequestKind: one kind of request a load test sends, with templates for per-request values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <statefun/address.hpp>
#include <statefun/load/template.hpp>
#include <statefun/protocol/request.hpp>
#include <statefun/protocol/request_spec.hpp>

namespace statefun::load {

/// One invocation's argument: its typename and a template of its bytes. For a built-in
/// typename (io.statefun.types/...) the rendered text is JSON (3, true, "hi") and is encoded
/// with the built-in wrapper; for any other typename the rendered text is the bytes.
struct ArgumentTemplate {
  std::string type_name;
  Template value;
  bool is_json = false;  ///< the rendered text must be JSON (checked by sample_request)
};

/// What a response must show besides a valid FromFunction.
struct Expectation {
  int status = 200;  ///< the HTTP status
  /// A subset of the readable JSON form of the response (as `sft call` prints it), compared
  /// with protocol::json_contains; decoding for it is slower, so it is off unless given.
  std::optional<nlohmann::json> response;
};

/// A kind of request: the target (function type + id template), attached state, caller and
/// the batch of arguments; its weight among the kinds and its expectation.
///
/// Example:
///   RequestKind k;
///   k.name = "greet";
///   k.function_type = "example/greeter";
///   k.id = Template("{{choice Ann Bob}}");
///   k.arguments.push_back({"example/GreetRequest", Template(R"({"visits":{{randint 1 3}}})")});
struct RequestKind {
  std::string name;  ///< shown in reports ("Name" in the CSV files)
  unsigned weight = 1;
  std::string function_type;  ///< namespace/type
  Template id;
  std::vector<protocol::StateEntry> state;
  std::optional<Address> caller;
  std::vector<ArgumentTemplate> arguments;  ///< one invocation each, in order
  Expectation expect;
  /// Runtime-like state: answer a missing-state reply by sending the same invocations again
  /// with the names it asks for (one request, its latency covering the round trips), and keep
  /// each address's values from the state mutations (per thread).
  bool resolve_state = false;
};

/// The kind `spec` describes (as sft call's flags do), its id (the address after the function
/// type) and its values being templates such as {{randint 1 3}}; values in the bytes form are
/// taken as they are. One rendering is checked as build_request checks a request. Throws
/// std::invalid_argument with a one-line reason.
///
/// Example:
///   protocol::RequestSpec spec;
///   spec.address = "example/greeter/{{choice Ann Bob}}";
///   spec.type = "example/GreetRequest";
///   spec.values = {R"({"name":"Ann","visits":{{randint 1 3}}})"};
///   RequestKind kind = kind_from_spec(spec);
RequestKind kind_from_spec(const protocol::RequestSpec& spec);

/// A kind that sends `request` as it is (no templates).
RequestKind kind_from_request(const protocol::Request& request);

/// Renders one request of `kind` as readable values (for checks and `--dry-run`): throws
/// std::invalid_argument with a one-line reason when a rendered JSON argument is not valid
/// JSON or a built-in value does not encode.
protocol::Request sample_request(const RequestKind& kind, std::uint64_t seed = 1);

}  // namespace statefun::load
