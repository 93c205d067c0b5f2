
#include "output.hpp"

#include <string>
#include <string_view>

#include <statefun/protocol/json_form.hpp>

namespace statefun::cli {

namespace {

std::string_view mode_name(Expiration::Mode mode) {
  switch (mode) {
    case Expiration::Mode::after_write:
      return "after write";
    case Expiration::Mode::after_call:
      return "after call";
    case Expiration::Mode::none:
      break;
  }
  return "never";
}

}  // namespace

std::string value_line(const TypedValue& value) {
  const nlohmann::json form = protocol::to_json(value);
  std::string line = value.type_name;
  if (form.contains("value")) {
    line += " " + form["value"].dump();
  } else if (form.contains("text")) {
    line += " text " + nlohmann::json(form["text"]).dump();
  } else if (form.contains("base64")) {
    line += " base64 " + form["base64"].get<std::string>();
  } else {
    line += " (no value)";
  }
  if (form.contains("error")) {
    line += " (" + form["error"].get<std::string>() + ")";
  }
  return line;
}

namespace {

void print_missing_state(std::ostream& out, const protocol::Response& r) {
  out << "missing state (IncompleteInvocationContext):\n";
  for (const auto& m : r.missing_values) {
    out << "  " << m.name << "  " << m.type_name << "  expires " << mode_name(m.expiration_mode);
    if (m.expiration_mode != Expiration::Mode::none) {
      out << " " << m.expire_after_ms << " ms";
    }
    out << "\n";
  }
}

void print_delayed(std::ostream& out, const protocol::SentDelayedMessage& d) {
  if (d.is_cancellation) {
    out << "  cancel   token " << nlohmann::json(d.cancellation_token).dump() << "\n";
    return;
  }
  out << "  delayed  -> " << (d.target ? d.target->str() : "?") << " after " << d.delay_ms << " ms";
  if (!d.cancellation_token.empty()) {
    out << " (token " << nlohmann::json(d.cancellation_token).dump() << ")";
  }
  out << "  " << (d.argument ? value_line(*d.argument) : "(no argument)") << "\n";
}

void print_mutation(std::ostream& out, const protocol::StateMutation& m) {
  out << "  state    " << m.name;
  if (m.kind == protocol::StateMutation::Kind::remove) {
    out << " deleted\n";
  } else {
    out << " = " << (m.value ? value_line(*m.value) : "(no value)") << "\n";
  }
}

}  // namespace

void print_response_text(std::ostream& out, const protocol::Response& r) {
  using Kind = protocol::Response::Kind;
  if (r.kind == Kind::empty) {
    out << "no effects (an empty FromFunction)\n";
    return;
  }
  if (r.kind == Kind::incomplete_invocation_context) {
    print_missing_state(out, r);
    return;
  }
  out << "invocation result:\n";
  for (const auto& m : r.messages) {
    out << "  message  -> " << m.target << "  " << value_line(m.argument) << "\n";
  }
  for (const auto& d : r.delayed) {
    print_delayed(out, d);
  }
  for (const auto& e : r.egress) {
    out << "  egress   -> " << e.egress << "  " << value_line(e.argument) << "\n";
  }
  for (const auto& m : r.mutations) {
    print_mutation(out, m);
  }
  if (r.messages.empty() && r.delayed.empty() && r.egress.empty() && r.mutations.empty()) {
    out << "  (nothing sent, no state changed)\n";
  }
}

void print_request_text(std::ostream& out, const protocol::Request& r) {
  out << "request to " << r.target << ":\n";
  for (const auto& s : r.state) {
    out << "  state    " << s.name << (s.value ? " = " + value_line(*s.value) : " (no value)")
        << "\n";
  }
  for (const auto& i : r.invocations) {
    out << "  message  " << (i.caller ? "from " + i.caller->str() : "from an ingress") << "  "
        << value_line(i.argument) << "\n";
  }
}

void print_json(std::ostream& out, const nlohmann::json& value) {
  out << value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace statefun::cli
