// The readable JSON form of whole requests and responses (see json_form.hpp).

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <statefun/error.hpp>
#include <statefun/protocol/json_form.hpp>

namespace statefun::protocol {

namespace {

using nlohmann::json;

[[noreturn]] void invalid(const std::string& what) {
  throw Error(errc::invalid_value, what);
}

const json& field(const json& in, const char* key, const std::string& where) {
  if (!in.is_object() || !in.contains(key)) {
    invalid(where + ": missing \"" + key + "\"");
  }
  return in[key];
}

std::string text(const json& in, const char* key, const std::string& where) {
  const json& value = field(in, key, where);
  if (!value.is_string()) {
    invalid(where + ": \"" + key + "\" must be a string");
  }
  return value.get<std::string>();
}

Address address(const json& in, const char* key, const std::string& where) {
  try {
    return Address::parse(text(in, key, where));
  } catch (const Error& e) {
    invalid(where + ": " + e.what());
  }
}

bool flag(const json& in, const char* key, const std::string& where) {
  if (!in.contains(key)) {
    return false;
  }
  if (!in[key].is_boolean()) {
    invalid(where + ": \"" + key + "\" must be true or false");
  }
  return in[key].get<bool>();
}

/// An optional int64 field (0 when absent): a JSON integer that int64 holds. Fractions and
/// exponent forms are refused rather than converted (a double out of range would be undefined).
std::int64_t whole_number(const json& in, const char* key, const std::string& where) {
  if (!in.contains(key)) {
    return 0;
  }
  const json& value = in[key];
  const bool fits = value.is_number_integer() &&
                    (!value.is_number_unsigned() ||
                     value.get<std::uint64_t>() <=
                         static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()));
  if (!fits) {
    invalid(where + ": \"" + key + "\" must be a whole number of milliseconds from " +
            std::to_string(std::numeric_limits<std::int64_t>::min()) + " to " +
            std::to_string(std::numeric_limits<std::int64_t>::max()));
  }
  return value.get<std::int64_t>();
}

const json& object(const json& in, const std::string& where) {
  if (!in.is_object()) {
    invalid(where + " must be a JSON object");
  }
  return in;
}

const json& list(const json& in, const char* key, const std::string& where) {
  static const json empty = json::array();
  if (!in.contains(key)) {
    return empty;
  }
  if (!in[key].is_array()) {
    invalid(where + ": \"" + key + "\" must be a list");
  }
  return in[key];
}

std::string_view mode_name(Expiration::Mode mode) {
  switch (mode) {
    case Expiration::Mode::after_write:
      return "AFTER_WRITE";
    case Expiration::Mode::after_call:
      return "AFTER_INVOKE";
    case Expiration::Mode::none:
      break;
  }
  return "NONE";
}

Expiration::Mode mode_from(const json& in, const std::string& where) {
  const std::string name = in.is_string() ? in.get<std::string>() : "";
  if (name == "NONE") {
    return Expiration::Mode::none;
  }
  if (name == "AFTER_WRITE") {
    return Expiration::Mode::after_write;
  }
  if (name == "AFTER_INVOKE") {
    return Expiration::Mode::after_call;
  }
  invalid(where + ": expiration mode must be NONE, AFTER_WRITE or AFTER_INVOKE");
}

json result_to_json(const Response& r) {
  json out = json::object();
  for (const auto& m : r.messages) {
    out["outgoing_messages"].push_back(
        {{"target", m.target.str()}, {"argument", to_json(m.argument)}});
  }
  for (const auto& d : r.delayed) {
    json item = json::object();
    if (d.is_cancellation) {
      item["is_cancellation_request"] = true;
    }
    if (!d.is_cancellation || d.delay_ms != 0) {  // a cancellation's delay is ignored, not lost
      item["delay_in_ms"] = d.delay_ms;
    }
    if (d.is_cancellation || !d.cancellation_token.empty()) {
      item["cancellation_token"] = d.cancellation_token;
    }
    if (d.target) {
      item["target"] = d.target->str();
    }
    if (d.argument) {
      item["argument"] = to_json(*d.argument);
    }
    out["delayed_invocations"].push_back(std::move(item));
  }
  for (const auto& e : r.egress) {
    out["outgoing_egresses"].push_back({{"egress", e.egress}, {"argument", to_json(e.argument)}});
  }
  for (const auto& m : r.mutations) {
    json item = {{"state_name", m.name},
                 {"mutation_type", m.kind == StateMutation::Kind::modify ? "MODIFY" : "DELETE"}};
    if (m.value) {
      item["state_value"] = to_json(*m.value);
    }
    out["state_mutations"].push_back(std::move(item));
  }
  return out;
}

void result_from_json(const json& in, Response& r) {
  const std::string where = "invocation_result";
  for (const auto& m : list(in, "outgoing_messages", where)) {
    r.messages.push_back(
        {address(m, "target", where), typed_value_from_json(field(m, "argument", where))});
  }
  for (const auto& item : list(in, "delayed_invocations", where)) {
    const json& d = object(item, where + ": each of \"delayed_invocations\"");
    SentDelayedMessage delayed;
    delayed.is_cancellation = flag(d, "is_cancellation_request", where);
    delayed.delay_ms = whole_number(d, "delay_in_ms", where);
    delayed.cancellation_token =
        d.contains("cancellation_token") ? text(d, "cancellation_token", where) : "";
    if (d.contains("target")) {
      delayed.target = address(d, "target", where);
    }
    if (d.contains("argument")) {
      delayed.argument = typed_value_from_json(d["argument"]);
    }
    r.delayed.push_back(std::move(delayed));
  }
  for (const auto& e : list(in, "outgoing_egresses", where)) {
    r.egress.push_back({TypeName(text(e, "egress", where)).str(),
                        typed_value_from_json(field(e, "argument", where))});
  }
  for (const auto& m : list(in, "state_mutations", where)) {
    StateMutation mutation;
    mutation.name = text(m, "state_name", where);
    const std::string kind = text(m, "mutation_type", where);
    if (kind != "MODIFY" && kind != "DELETE") {
      invalid(where + ": \"mutation_type\" must be MODIFY or DELETE");
    }
    mutation.kind = kind == "DELETE" ? StateMutation::Kind::remove : StateMutation::Kind::modify;
    if (m.contains("state_value")) {
      mutation.value = typed_value_from_json(m["state_value"]);
    }
    r.mutations.push_back(std::move(mutation));
  }
}

}  // namespace

json to_json(const Request& request) {
  json batch = {{"target", request.target.str()}};
  for (const auto& s : request.state) {
    json item = {{"state_name", s.name}};
    if (s.value) {
      item["state_value"] = to_json(*s.value);
    }
    batch["state"].push_back(std::move(item));
  }
  for (const auto& i : request.invocations) {
    json item = json::object();
    if (i.caller) {
      item["caller"] = i.caller->str();
    }
    item["argument"] = to_json(i.argument);
    batch["invocations"].push_back(std::move(item));
  }
  return {{"invocation", std::move(batch)}};
}

Request request_from_json(const json& in) {
  const json& batch = field(in, "invocation", "request");
  const std::string where = "invocation";
  Request request{address(batch, "target", where), {}, {}};
  for (const auto& s : list(batch, "state", where)) {
    request.state.push_back({text(s, "state_name", where),
                             s.contains("state_value")
                                 ? std::optional(typed_value_from_json(s["state_value"]))
                                 : std::nullopt});
  }
  for (const auto& i : list(batch, "invocations", where)) {
    request.invocations.push_back(
        {i.contains("caller") ? std::optional(address(i, "caller", where)) : std::nullopt,
         typed_value_from_json(field(i, "argument", where))});
  }
  return request;
}

json to_json(const Response& response) {
  switch (response.kind) {
    case Response::Kind::invocation_result:
      return {{"invocation_result", result_to_json(response)}};
    case Response::Kind::incomplete_invocation_context: {
      json missing = json::array();
      for (const auto& m : response.missing_values) {
        missing.push_back({{"state_name", m.name},
                           {"type_typename", m.type_name},
                           {"expiration_spec",
                            {{"mode", mode_name(m.expiration_mode)},
                             {"expire_after_millis", m.expire_after_ms}}}});
      }
      return {{"incomplete_invocation_context", {{"missing_values", std::move(missing)}}}};
    }
    case Response::Kind::empty:
      break;
  }
  return json::object();
}

Response response_from_json(const json& in) {
  Response response;
  if (!in.is_object()) {
    invalid("a response must be a JSON object");
  }
  if (in.contains("invocation_result")) {
    response.kind = Response::Kind::invocation_result;
    result_from_json(object(in["invocation_result"], "\"invocation_result\""), response);
  } else if (in.contains("incomplete_invocation_context")) {
    response.kind = Response::Kind::incomplete_invocation_context;
    const std::string where = "incomplete_invocation_context";
    const json& context = object(in["incomplete_invocation_context"], "\"" + where + "\"");
    for (const auto& item : list(context, "missing_values", where)) {
      const json& m = object(item, where + ": each of \"missing_values\"");
      static const json no_expiration = {{"mode", "NONE"}};
      const json& spec = m.contains("expiration_spec")
                             ? object(m["expiration_spec"], where + ": \"expiration_spec\"")
                             : no_expiration;
      response.missing_values.push_back(
          {text(m, "state_name", where),
           m.contains("type_typename") ? text(m, "type_typename", where) : "",
           spec.contains("mode") ? mode_from(spec["mode"], where) : Expiration::Mode::none,
           whole_number(spec, "expire_after_millis", where)});
    }
  }
  return response;
}

}  // namespace statefun::protocol
