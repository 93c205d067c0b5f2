// The message flow of a run as a Mermaid sequence diagram: ingress, the runtime, each function
// type and the egresses as participants, every step of the trace as an arrow or a note.
#pragma once

#include <string>
#include <vector>

#include <statefun/runtime/trace_event.hpp>

namespace statefun::runtime {

/// A Mermaid `sequenceDiagram` of `events` (in the order they happened), as the reference
/// workflow draws it: ingress -> runtime -> person -> runtime -> greeter -> runtime -> egress.
/// Values are shortened to 60 characters; text Mermaid would read as syntax is escaped.
///
/// Example:
///   const TraceEvent visit{.kind = TraceEvent::Kind::ingress, .id = 1};
///   assert(mermaid_sequence({visit}).starts_with("sequenceDiagram\n"));
std::string mermaid_sequence(const std::vector<TraceEvent>& events);

}  // namespace statefun::runtime
