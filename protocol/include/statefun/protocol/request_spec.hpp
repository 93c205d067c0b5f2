// RequestSpec: a request as a person writes it (an address, a typename or an alias, values as
// JSON or text, state as NAME:TYPE=VALUE), and the Request it stands for. sft call, sft load
// and sft probe take one from their flags.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include <statefun/protocol/request.hpp>
#include <statefun/typed_value.hpp>

namespace statefun::protocol {

/// The short names of the built-in typenames: int, long, bool, float, double, string.
inline constexpr std::array<std::string_view, 6> kBuiltinAliases = {
    "int", "long", "bool", "float", "double", "string"};

/// The typename of a built-in alias (int -> io.statefun.types/int), or `type` as it is.
std::string resolve_type_alias(std::string_view type);

/// True for a typename of the io.statefun.types namespace.
bool is_builtin_type(std::string_view type_name) noexcept;

/// The value for a JSON argument: a built-in typename encodes `json_text` with its wrapper (it
/// must fit: an int is a 32-bit integer), any other typename carries the text as it is. Throws
/// statefun::Error(errc::invalid_argument) with the reason.
TypedValue json_argument(std::string_view type_name, std::string_view json_text);

/// How the values of a RequestSpec are written.
enum class ValueForm {
  json,   ///< JSON text: encoded by json_argument
  text,   ///< text: a built-in type takes it as a JSON string, any other as its bytes
  bytes,  ///< raw bytes, as they are
};

/// A request as a person describes it. Every string is as written; build_request checks them.
///
/// Example:
///   RequestSpec spec;
///   spec.address = "example/greeter/George";
///   spec.type = "example/GreetRequest";
///   spec.values = {R"({"name":"George","visits":3})"};
///   spec.state = {"visits:int=2"};
///   const Request request = build_request(spec);
struct RequestSpec {
  std::string address;               ///< the target, namespace/type/id
  std::string type;                  ///< the arguments' typename, or a built-in alias
  ValueForm form = ValueForm::json;  ///< how `values` are written
  std::vector<std::string> values;   ///< one invocation each, in order
  std::vector<std::string> state;    ///< NAME (present, no value) or NAME:TYPE=VALUE
  std::string caller;                ///< the sender, namespace/type/id; empty for none
  int batch = 1;                     ///< the invocations repeated this many times in one batch
};

/// The request `spec` describes. Throws statefun::Error(errc::invalid_argument) with a one-line
/// reason naming what is wrong (the address, the type, a value, a state entry, the caller).
Request build_request(const RequestSpec& spec);

/// One state entry as NAME (present without a value) or NAME:TYPE=VALUE, where VALUE is JSON
/// (a bare word for a string type). Throws statefun::Error(errc::invalid_argument).
StateEntry parse_state_entry(std::string_view text);

}  // namespace statefun::protocol
