// Scenario files: weighted request kinds and stages in YAML.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <statefun/load/config.hpp>
#include <statefun/load/request_kind.hpp>

namespace statefun::load {

/// What a scenario file holds. Example file:
///
///   url: http://127.0.0.1:8000/statefun        # optional; the command line wins
///   requests:
///     - name: first visit                      # default: the address
///       weight: 3                              # default 1
///       address: example/greeter/{{choice Ann Bob}}
///       type: example/GreetRequest
///       json: '{"name":"Ann","visits":1}'      # or a list: one invocation each
///       expect:                                # optional
///         status: 200
///         response: {invocation_result: {outgoing_egresses: [{argument: {value: {payload: Welcome
///         Ann}}}]}}
///     - address: example/person/{{seq}}
///       type: example/GreetRequest
///       json: '{"name":"Bob"}'
///       state: [{name: visits}]                # present without a value; or with value:
///       caller: example/ingress/x              #   {typename: io.statefun.types/int, value: 2}
///       resolve_state: true                    # answer missing-state replies as the runtime
///   stages:                                    # optional: users (closed) or rate (open)
///     - {duration: 5s, users: 20}              # ramp from 0 to 20 users in 5 s
///     - {duration: 20s, users: 20}             # hold
///     - {duration: 5s, users: 0}               # ramp down
///
/// Value keys: json (JSON text), text (raw text), or a built-in: int, long, bool, float,
/// double, string; `type` is the typename (int, long, ... are aliases of the built-ins).
/// Templates ({{randint 1 3}}, ...) work in address ids and values; `batch: N` repeats the
/// invocations N times (1 to 10,000); a weight is 1 to 1,000,000. Plain scalars resolve as
/// YAML 1.2's core schema (as in sft test files); the file is read within statefun::yaml's
/// bounds (16 MiB, 256 levels, 200,000 values with aliases expanded, UTF-8 text).
struct Scenario {
  std::string url;
  std::vector<RequestKind> kinds;
  std::vector<Stage> stages;
  bool stage_rates = false;
};

/// Reads a scenario from YAML text. Throws std::invalid_argument with a one-line reason
/// naming the request or stage at fault.
Scenario parse_scenario(const std::string& yaml_text);

/// Reads a scenario file. Throws std::invalid_argument (also when the file cannot be read).
Scenario load_scenario(const std::string& path);

/// Parses "250ms", "10s", "2m", "1h", "500us"; a bare number is seconds. Throws
/// std::invalid_argument.
Micros parse_load_duration(std::string_view text);

}  // namespace statefun::load
