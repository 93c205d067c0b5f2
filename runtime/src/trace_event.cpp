// The names of the trace's event kinds.
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

}  // namespace statefun::runtime
