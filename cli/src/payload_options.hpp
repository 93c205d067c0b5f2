// The flags that describe a request (target, argument, state, caller), shared by `sft call`
// and `sft load`: flags in, a protocol::RequestSpec (or a whole request from --request) out.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include <statefun/load/request_kind.hpp>
#include <statefun/protocol/request.hpp>
#include <statefun/protocol/request_spec.hpp>

namespace statefun::cli {

/// What the payload flags hold, before they are turned into a request.
struct PayloadOptions {
  std::string address;                   ///< ADDRESS: namespace/type/id
  std::string type;                      ///< --type: a typename or a built-in alias (int, ...)
  std::vector<std::string> json;         ///< --json: one invocation each
  std::vector<std::string> text;         ///< --text: one invocation each
  std::vector<std::string> value_files;  ///< --value-file: one invocation each (raw bytes)
  std::vector<std::string> ints, longs, bools, floats, doubles, strings;  ///< --int ... --string
  std::vector<std::string> state;  ///< --state NAME[:TYPE=VALUE]
  std::string caller;              ///< --caller namespace/type/id
  int batch = 1;                   ///< --batch: the invocations repeated N times
  std::string request_file;        ///< --request: a whole request as readable JSON
};

/// Adds the positional ADDRESS and the payload flags to a subcommand.
void add_payload_options(CLI::App& command, PayloadOptions& options);

/// The request spec the value flags give (not --request): which flag, its values (the files of
/// --value-file read), the typename it implies. Throws UsageError with a one-line reason.
protocol::RequestSpec request_spec(const PayloadOptions& options);

/// The request the flags describe (or --request holds). Throws UsageError with a one-line
/// reason.
protocol::Request build_request(const PayloadOptions& options);

/// The request kind `sft load` sends for the flags: ADDRESS's id and the values may hold
/// templates such as {{randint 1 3}}; a --request is sent as it is. Throws UsageError.
load::RequestKind load_kind(const PayloadOptions& options);

}  // namespace statefun::cli
