// The FromFunction a batch answers (PROTOCOL.md 1.2 and 2.3-2.4), written with the wire codec.
#pragma once

#include <string>
#include <vector>

#include <statefun/context.hpp>
#include <statefun/storage.hpp>
#include <statefun/value_spec.hpp>

namespace statefun::detail {

/// FromFunction{invocation_result}: a mutation for every written or removed state, in
/// declaration order, then messages, delayed messages and egress in call order (protobuf's
/// field order; the runtime applies the lists as the protocol says, whatever their order).
std::string write_invocation_result(const Effects& effects, const Storage& storage);

/// FromFunction{incomplete_invocation_context} listing `missing` with their expirations.
std::string write_missing_state(const std::vector<const ValueSpecBase*>& missing);

}  // namespace statefun::detail
