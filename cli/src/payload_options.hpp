// The flags that describe a request (target, argument, state, caller), shared by `sft call`
// and `sft load`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include <statefun/protocol/request.hpp>

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

/// The typename for a built-in alias (int, long, bool, float, double, string), or `type`.
std::string resolve_type_alias(std::string_view type);

/// One argument (typename + JSON/text) as the flags would encode it: a built-in typename
/// encodes the JSON with its wrapper, any other typename carries the JSON text as it is.
/// Throws UsageError with a one-line reason.
TypedValue json_argument(std::string_view type_name, std::string_view json_text);

/// The request the flags describe. Throws UsageError with a one-line reason.
protocol::Request build_request(const PayloadOptions& options);

}  // namespace statefun::cli
