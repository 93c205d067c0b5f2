// Trace events as the lines of a readable timeline.
#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <statefun/protocol/json_form.hpp>
#include <statefun/runtime/trace_timeline.hpp>
#include <statefun/text/printable.hpp>

namespace statefun::runtime {

namespace {

constexpr std::size_t kMaxValueText = 120;

std::string value_text(const TraceEvent& e) {
  if (!e.value) {
    return "";
  }
  std::string text = text::printable(protocol::one_line(*e.value));
  if (text.size() > kMaxValueText) {
    text.resize(kMaxValueText);
    text += "...";
  }
  return e.value->type_name.empty() ? text : text::printable(e.value->type_name) + " " + text;
}

std::string address(const std::optional<Address>& a) {
  return a ? text::printable(a->str()) : std::string("?");
}

std::string counted(std::int64_t n, std::string_view one) {
  return std::to_string(n) + " " + std::string(one) + (n == 1 ? "" : "s");
}

}  // namespace

std::string timeline_step(const TraceEvent& e) {
  const std::string name = text::printable(e.name);
  const std::string detail = text::printable(e.detail);
  const std::string value = value_text(e);
  switch (e.kind) {
    case TraceEvent::Kind::ingress:
      return "-> " + address(e.to) + (value.empty() ? "" : ": " + value) +
             (name.empty() ? "" : " (" + name + ")");
    case TraceEvent::Kind::request:
      return "-> " + address(e.to) + ": " + counted(e.count, "invocation") +
             (name.empty() ? ", no state" : ", state " + name) +
             (detail.empty() ? "" : " (" + detail + ")");
    case TraceEvent::Kind::retry:
      return address(e.to) + ": " + detail;
    case TraceEvent::Kind::missing_state:
      return address(e.to) + " asks for state " + name;
    case TraceEvent::Kind::response:
      return "<- " + address(e.to) + ": " + counted(e.count, "effect");
    case TraceEvent::Kind::message:
      return address(e.from) + " -> " + address(e.to) + ": " + value;
    case TraceEvent::Kind::delayed:
      return address(e.from) + " -> " + address(e.to) + " in " + std::to_string(e.count) + " ms" +
             (name.empty() ? "" : " (token " + name + ")") + ": " + value;
    case TraceEvent::Kind::cancelled:
      return address(e.from) + " cancels token " + name;
    case TraceEvent::Kind::fired:
      return "-> " + address(e.to) + ": " + value;
    case TraceEvent::Kind::egress:
      return (e.from ? address(e.from) + " -> " : std::string()) + name +
             (detail.empty() ? "" : " " + detail) + ": " + value;
    case TraceEvent::Kind::state:
      return address(e.to) + " " + name + (e.value ? " = " + value : " deleted");
    case TraceEvent::Kind::failure:
      return address(e.to) + ": " + detail;
  }
  return "";
}

std::string timeline_line(const TraceEvent& event) {
  std::array<char, 32> digits{};
  const double ms = std::chrono::duration<double, std::milli>(event.time).count();
  const auto written =
      std::to_chars(digits.data(), digits.data() + digits.size(), ms, std::chars_format::fixed, 3);
  std::string time(digits.data(), written.ptr);
  time.insert(0, time.size() < 12 ? 12 - time.size() : 0, ' ');
  time += " ms";
  std::string kind(kind_name(event.kind));
  kind.resize(std::max<std::size_t>(kind.size(), 9), ' ');
  std::string id = "#" + std::to_string(event.id);
  id.resize(std::max<std::size_t>(id.size(), 5), ' ');  // aligned up to #9999
  std::string out = time + "  " + id + "  " + kind + "  " + timeline_step(event);
  if (!event.causes.empty()) {
    out += "  (after ";
    for (std::size_t i = 0; i < event.causes.size(); ++i) {
      out += (i == 0 ? "#" : ", #") + std::to_string(event.causes[i]);
    }
    out += ")";
  }
  return out;
}

}  // namespace statefun::runtime
