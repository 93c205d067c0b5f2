// Runtime: a whole Statefun pipeline run locally, as a Flink Statefun cluster would run it:
// the module's endpoints called over HTTP, messages routed and batched per address, state,
// delays, egress, until the run ends by itself. What `sft run` drives.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <statefun/address.hpp>
#include <statefun/runtime/egress_record.hpp>
#include <statefun/runtime/module.hpp>
#include <statefun/runtime/trace_event.hpp>
#include <statefun/typed_value.hpp>

namespace statefun::runtime {

/// How a run goes and when it ends.
struct RunOptions {
  enum class Time : std::uint8_t {
    real,       ///< delayed messages and TTLs follow the wall clock
    simulated,  ///< they follow a clock that jumps to the next due time whenever the pipeline
                ///< is idle: a reminder an hour away fires at once
  };

  Time time = Time::real;
  /// End once nothing is in flight, no input waits and (in real time) no delayed message is
  /// pending; in simulated time pending delays are run first.
  bool until_idle = true;
  /// End after this long (real time), if set.
  std::optional<std::chrono::milliseconds> duration{};
  /// Stop taking input after this many ingress messages, if set (the run still finishes what
  /// they caused).
  std::optional<std::uint64_t> max_messages{};
  /// Take no input while this many requests are in flight, as a Flink task stops taking input
  /// at `statefun.async.max-per-task` (32768 in the runtime's code; its docs say 1024).
  /// Messages between functions still go.
  std::size_t max_in_flight = 32768;
  /// Told of every step (trace, progress); may be null.
  TraceObserver* observer = nullptr;
  /// Told of every egress record as it is produced; may be empty.
  std::function<void(const EgressRecord&)> on_egress{};
  /// Keep every egress record in RunResult::egress (what a pipeline test checks). A run that
  /// takes its records through on_egress turns it off: its memory then stays bounded however
  /// long it runs (RunResult::egress_per_topic still counts them).
  bool keep_egress = true;
  /// Keep in RunResult::state only the first this many addresses that hold a value, in the
  /// order of the addresses, if set: what a summary shows of a run over many addresses, at a
  /// fraction of the cost of them all.
  std::optional<std::size_t> state_limit{};

  /// What the run serves over HTTP: the playground's ingress and egress (PROTOCOL.md 4.3), as
  /// its servers answer them, and the admin endpoint.
  struct Http {
    /// Listen on the ports of the module's playground ingress and egress. While the ingress
    /// takes input the run does not end when idle (only by `duration`, `max_messages` or
    /// stop()).
    bool serve = false;
    std::string host = "127.0.0.1";               ///< the playground listens on 0.0.0.0
    std::optional<std::uint16_t> ingress_port{};  ///< instead of the module's; 0: any free one
    std::optional<std::uint16_t> egress_port{};   ///< likewise
    /// Serve the admin endpoint (GET /state, /state/namespace/type/id: every address's state,
    /// backlog and pending delayed messages as JSON) on this port of `host`; 0: any free one.
    std::optional<std::uint16_t> admin_port{};
  };

  Http http{};
};

/// The path under which the admin endpoint (RunOptions::Http::admin_port) serves `address`:
/// /state/namespace/type/id, each part percent-encoded.
///
/// Example:
///   assert(admin_state_path(Address("example/person", "Bob Jr")) ==
///          "/state/example/person/Bob%20Jr");
std::string admin_state_path(const Address& address);

/// A message for the pipeline from outside (an ingress, a file, a flag).
struct IngressMessage {
  Address target;
  TypedValue argument;
  std::string source = "send";  ///< which ingress, for the trace
  /// Taken as input this long after the run started (on the run's clock), instead of at once.
  /// In simulated time the clock only moves when the pipeline is idle, so such a message comes
  /// after everything sent before it has settled: "the user checks out a minute later".
  std::optional<std::chrono::milliseconds> at{};
};

/// The state of one address at the end of a run (or when asked).
struct AddressState {
  Address address;
  std::vector<std::pair<std::string, TypedValue>> values;  ///< registered states with a value
  std::size_t backlog = 0;
  bool in_flight = false;
};

/// How a run ended and what it did.
struct RunResult {
  enum class End : std::uint8_t {
    idle,         ///< nothing left to do
    duration,     ///< RunOptions::duration passed
    failed,       ///< what fails a Flink job happened: `failure` says what
    interrupted,  ///< stop() was called
  };

  End end = End::idle;
  std::string failure;                            ///< End::failed: the reason, with the address
  std::vector<std::string> in_flight;             ///< End::failed: what was in flight then
  std::vector<EgressRecord> egress;               ///< every record, in order (keep_egress)
  std::map<std::string, std::uint64_t> requests;  ///< per function type
  std::map<std::string, std::uint64_t> messages;  ///< delivered, per function type
  std::map<std::string, std::uint64_t> egress_per_topic;  ///< "egress id/topic"
  std::uint64_t ingress_messages = 0;
  std::uint64_t retries = 0;
  std::vector<AddressState> state;       ///< every address the run saw (or see state_limit)
  std::size_t addresses_with_state = 0;  ///< addresses that hold a value at the end
  std::size_t pending_delayed = 0;       ///< delayed messages not yet due at the end
  std::size_t input_not_taken = 0;       ///< input messages the run had not taken at the end
  std::uint64_t egress_dropped = 0;  ///< playground egress payloads dropped: their queue was full
};

/// Runs a module's pipeline locally. Not thread-safe, except stop().
///
/// Example:
///   Runtime runtime(parse_module(module_text, "module.yaml"),
///                   RunOptions{.time = RunOptions::Time::simulated});
///   const RunResult result = runtime.run();  // no input: it ends at once
///   assert(result.end == RunResult::End::idle && result.egress.empty());
class Runtime {
 public:
  /// Throws ModuleError when the module asks for what the local runtime cannot do (an https
  /// or unix-socket endpoint, an unreachable host name), std::runtime_error when a playground
  /// port cannot be listened on.
  Runtime(Module module, RunOptions options);
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  /// Queues a message for the run (before run(), or from a callback during it).
  void send(IngressMessage message);

  /// Runs until the run ends (RunOptions); returns what happened. Call once.
  RunResult run();

  /// Ends run() soon, from any thread (a signal handler's thread included).
  void stop() noexcept;

  /// The port the playground HTTP ingress listens on (RunOptions::http), if it does.
  std::optional<std::uint16_t> ingress_port() const noexcept;

  /// The port the playground HTTP egress listens on, if it does.
  std::optional<std::uint16_t> egress_port() const noexcept;

  /// The port the admin endpoint listens on, if it does.
  std::optional<std::uint16_t> admin_port() const noexcept;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace statefun::runtime
