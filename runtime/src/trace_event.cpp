// The names of the trace's event kinds.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include <statefun/runtime/trace_event.hpp>

namespace statefun::runtime {

std::string_view kind_name(TraceEvent::Kind kind) noexcept {
  switch (kind) {
    case TraceEvent::Kind::ingress:
      return "ingress";
    case TraceEvent::Kind::request:
      return "request";
    case TraceEvent::Kind::retry:
      return "retry";
    case TraceEvent::Kind::missing_state:
      return "missing_state";
    case TraceEvent::Kind::response:
      return "response";
    case TraceEvent::Kind::message:
      return "message";
    case TraceEvent::Kind::delayed:
      return "delayed";
    case TraceEvent::Kind::cancelled:
      return "cancelled";
    case TraceEvent::Kind::fired:
      return "fired";
    case TraceEvent::Kind::egress:
      return "egress";
    case TraceEvent::Kind::state:
      return "state";
    case TraceEvent::Kind::failure:
      return "failure";
  }
  return "unknown";
}

const std::vector<TraceEvent::Kind>& all_kinds() {
  static const std::vector<TraceEvent::Kind> kinds = [] {
    std::vector<TraceEvent::Kind> all;
    for (auto k = static_cast<std::uint8_t>(TraceEvent::Kind::ingress);
         k <= static_cast<std::uint8_t>(TraceEvent::Kind::failure);
         ++k) {
      all.push_back(static_cast<TraceEvent::Kind>(k));
    }
    return all;
  }();
  return kinds;
}

std::optional<TraceEvent::Kind> kind_from_name(std::string_view name) noexcept {
  for (const TraceEvent::Kind kind : all_kinds()) {
    if (kind_name(kind) == name) {
      return kind;
    }
  }
  return std::nullopt;
}

}  // namespace statefun::runtime
