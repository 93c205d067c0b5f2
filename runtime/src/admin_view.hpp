// The admin endpoint of a local run: the state of any address, its backlog and the pending
// delayed messages, as JSON (values in the form `sft decode` prints).
#pragma once

#include <string_view>
#include <vector>

#include <statefun/clock.hpp>
#include <statefun/runtime/runtime.hpp>

#include "delayed_messages.hpp"
#include "local_http_server.hpp"

namespace statefun::runtime::detail {

/// The answer to a GET of the admin endpoint, from what the run holds now:
/// - `/state`: every address the run has seen (its state values, backlog, whether a request is
///   in flight) and every pending delayed message;
/// - `/state/<namespace>/<type>/<id>`: one address, with the delayed messages sent to it;
///   404 with a reason for an address the run has not seen;
/// - anything else: 404 naming the two.
/// JSON: {"address", "state": {name: value form}, "backlog", "in_flight"} per address and
/// {"from", "to", "due_in_ms", "token", "argument"} per delayed message.
///
/// Example:
///   const LocalResponse r = admin_answer("/state", states, delayed, clock.now());
///   // r.body: {"addresses":[...],"delayed":[...]}
LocalResponse admin_answer(std::string_view target,
                           const std::vector<AddressState>& states,
                           const std::vector<const DelayedMessage*>& delayed,
                           Clock::time_point now);

}  // namespace statefun::runtime::detail
