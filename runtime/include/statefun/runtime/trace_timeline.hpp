// The trace of a run as a readable timeline: one line per step, what `sft trace show` prints.
#pragma once

#include <string>

#include <statefun/runtime/trace_event.hpp>

namespace statefun::runtime {

/// One line for `event` (no newline): its time since the run started, its id, its kind, who
/// and what, and the ids of the steps it follows from. Values are shown in one line as
/// `sft decode` reads them and cut at 120 characters; control characters are escaped, so a
/// trace cannot write lines of its own on a terminal.
///
/// Example:
///   const TraceEvent visit{.kind = TraceEvent::Kind::ingress,
///                          .id = 1,
///                          .to = Address("example/person", "Bob"),
///                          .name = "send"};
///   assert(timeline_line(visit).ends_with(" ms  #1     ingress    -> example/person/Bob (send)"));
std::string timeline_line(const TraceEvent& event);

/// The who-and-what part of timeline_line (after the kind, before the causes), escaped alike.
///
/// Example:
///   const TraceEvent visit{.kind = TraceEvent::Kind::ingress,
///                          .to = Address("example/person", "Bob"),
///                          .name = "send"};
///   assert(timeline_step(visit) == "-> example/person/Bob (send)");
std::string timeline_step(const TraceEvent& event);

}  // namespace statefun::runtime
