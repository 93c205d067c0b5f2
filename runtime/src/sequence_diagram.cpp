// Trace events drawn as a Mermaid sequence diagram.
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include <statefun/protocol/json_form.hpp>
#include <statefun/runtime/sequence_diagram.hpp>

namespace statefun::runtime {

namespace {

constexpr std::size_t kMaxText = 60;

/// `text` as Mermaid reads it in a message: one line, no ';' or '#' taken as syntax, at most
/// kMaxText characters.
std::string escaped(std::string_view text) {
  std::string out;
  std::size_t shown = 0;
  for (const char c : text) {
    if (shown == kMaxText) {
      out += "...";
      break;
    }
    ++shown;
    if (c == ';') {
      out += "#59;";
    } else if (c == '#') {
      out += "#35;";
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string shown(const TypedValue& value) {
  const nlohmann::json form = protocol::to_json(value);
  if (form.contains("value") && form["value"].is_object() && form["value"].contains("payload") &&
      form["value"]["payload"].is_string()) {  // a playground egress record
    return form["value"]["payload"].get<std::string>();
  }
  std::string line = protocol::one_line(value);
  // bytes that are neither JSON nor text, or none: their typename says more in a diagram
  return line.starts_with("base64:") || !value.has_value ? value.type_name : line;
}

class Diagram {
 public:
  std::string draw(const std::vector<TraceEvent>& events) {
    for (const TraceEvent& event : events) {
      step(event);
    }
    std::string out = "sequenceDiagram\n    participant ingress\n    participant runtime\n";
    for (const auto& [type, alias] : functions_) {
      out.append("    participant ").append(alias).append(" as ").append(type).append("\n");
    }
    if (egress_) {
      out += "    participant egress\n";
    }
    return out + lines_;
  }

 private:
  std::string function(const std::optional<Address>& address) {
    const std::string type = address ? address->type.str() : std::string("unknown");
    for (const auto& [known, alias] : functions_) {
      if (known == type) {
        return alias;
      }
    }
    functions_.emplace_back(type, "F" + std::to_string(functions_.size() + 1));
    return functions_.back().second;
  }

  void line(const std::string& text) { lines_ += "    " + text + "\n"; }

  static std::string value_of(const TraceEvent& e) {
    return e.value ? escaped(shown(*e.value)) : std::string();
  }

  static std::string address_of(const std::optional<Address>& address) {
    return address ? escaped(address->str()) : std::string();
  }

  static std::string counted(std::int64_t n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
  }

  void step(const TraceEvent& e) {
    switch (e.kind) {
      case TraceEvent::Kind::ingress:
        line("ingress->>runtime: " + value_of(e) + " to " + address_of(e.to));
        break;
      case TraceEvent::Kind::egress:
        egress_ = true;
        line("runtime->>egress: " + escaped(e.detail) + ": " + value_of(e));
        break;
      case TraceEvent::Kind::request:
      case TraceEvent::Kind::retry:
      case TraceEvent::Kind::missing_state:
      case TraceEvent::Kind::response:
      case TraceEvent::Kind::state:
        function_step(e);
        break;
      default:
        runtime_note(e);
        break;
    }
  }

  /// An exchange with a function, or a change of its state.
  void function_step(const TraceEvent& e) {
    const std::string fn = function(e.to);
    const std::string id = e.to ? escaped(e.to->id) : std::string();
    if (e.kind == TraceEvent::Kind::request) {
      line("runtime->>" + fn + ": " + id + ": " + counted(e.count, "invocation", "invocations") +
           (e.name.empty() ? "" : ", state " + escaped(e.name)));
    } else if (e.kind == TraceEvent::Kind::retry) {
      line("runtime--x" + fn + ": " + id + ": " + escaped(e.detail));
    } else if (e.kind == TraceEvent::Kind::missing_state) {
      line(fn + "-->>runtime: " + id + ": needs state " + escaped(e.name));
    } else if (e.kind == TraceEvent::Kind::response) {
      line(fn + "-->>runtime: " + id + ": " + counted(e.count, "effect", "effects"));
    } else {
      line("Note over " + fn + ": " + id + " " + escaped(e.name) + " = " +
           (e.value ? value_of(e) : std::string("(deleted)")));
    }
  }

  /// What the runtime routes or keeps: messages, delays, cancellations, the end of a run.
  void runtime_note(const TraceEvent& e) {
    std::string note;
    if (e.kind == TraceEvent::Kind::message) {
      note = "to " + address_of(e.to) + ": " + value_of(e);
    } else if (e.kind == TraceEvent::Kind::delayed) {
      note = "in " + std::to_string(e.count) + " ms to " + address_of(e.to) +
             (e.name.empty() ? "" : " (token " + escaped(e.name) + ")");
    } else if (e.kind == TraceEvent::Kind::cancelled) {
      note = address_of(e.from) + " cancels " + escaped(e.name);
    } else if (e.kind == TraceEvent::Kind::fired) {
      note = "due: " + address_of(e.to);
    } else {
      note = "FAILED: " + escaped(e.detail);
    }
    line("Note over runtime: " + note);
  }

  std::vector<std::pair<std::string, std::string>> functions_;  // type, alias: first seen first
  bool egress_ = false;
  std::string lines_;
};

}  // namespace

std::string mermaid_sequence(const std::vector<TraceEvent>& events) {
  return Diagram().draw(events);
}

}  // namespace statefun::runtime
