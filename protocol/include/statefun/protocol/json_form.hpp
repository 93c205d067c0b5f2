// The readable JSON form of values, requests and responses, as `sft call` prints them and
// `sft encode` reads them back.
//
// A TypedValue is {"typename": T} plus one of:
//   "value": the decoded value: the native value of a built-in type (io.statefun.types/int 3,
//            string "hi", ...); for the Kafka and Kinesis egress records an object
//            {"topic", "key", "value"} / {"stream", "partition_key", "explicit_hash_key", "value"}
//            whose payload follows the same rules; otherwise the bytes parsed as JSON;
//   "text":  the bytes as UTF-8 text, when they are not JSON;
//   "base64": the bytes, when they are neither;
//   "has_value": false, when there is no value (a zero value is present: "value": 0).
// A request is {"invocation": {"target": "ns/type/id", "state": [...], "invocations": [...]}};
// a response is {"invocation_result": {...}} or {"incomplete_invocation_context": {...}} or {},
// with the protocol's field names and addresses written "namespace/type/id".
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <statefun/protocol/request.hpp>
#include <statefun/protocol/response.hpp>

namespace statefun::protocol {

/// The readable form of a value. Never throws: bytes that do not decode as their built-in
/// type are shown as "base64" with an "error".
nlohmann::json to_json(const TypedValue& value);

/// A value in one line for a person to read, from its readable form: a JSON value as compact
/// JSON (a JSON string as its text), text as it is, other bytes as "base64:...", no value as
/// "(no value)". What `sft run` prints for egress records and state.
///
/// Example:
///   assert(one_line(make_typed_value("example/Greet", {{"name", "Bob"}})) == R"({"name":"Bob"})");
///   assert(one_line(make_typed_value("io.statefun.types/int", 3)) == "3");
std::string one_line(const TypedValue& value);

/// The value a readable form stands for. A "value" of a built-in typename is encoded with the
/// built-in wrapper (it must fit: an int is a 32-bit integer), of a Kafka/Kinesis record
/// typename as that record, of any other typename as compact JSON text. Throws
/// statefun::Error(errc::invalid_value) with the reason when the form is not valid.
TypedValue typed_value_from_json(const nlohmann::json& in);

/// The value for a JSON argument, as the CLI's --type/--json flags give it: a built-in typename
/// encodes `value` with its wrapper, any other typename carries the JSON text.
TypedValue make_typed_value(std::string_view type_name, const nlohmann::json& value);

nlohmann::json to_json(const Request& request);
Request request_from_json(const nlohmann::json& in);

nlohmann::json to_json(const Response& response);
Response response_from_json(const nlohmann::json& in);

}  // namespace statefun::protocol
