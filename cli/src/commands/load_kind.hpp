// The request kind that `sft load`'s payload flags describe, templates included.
#pragma once

#include <statefun/load/request_kind.hpp>

#include "payload_options.hpp"

namespace statefun::cli {

/// The flags of `sft call` (ADDRESS, --type, --json, ..., --state, --caller, --batch,
/// --request) as a load request kind whose id and values may hold templates such as
/// {{randint 1 3}}. Throws UsageError with a one-line reason.
load::RequestKind load_kind_from(const PayloadOptions& options);

}  // namespace statefun::cli
