// The codec's views compared with what libprotobuf's generated code reads from the same bytes:
// the oracle of the ToFunction, FromFunction and handler fuzz targets.
#pragma once

#include <string>

#include <statefun/wire/from_function.hpp>
#include <statefun/wire/to_function.hpp>

#include "sdk/request-reply.pb.h"

namespace statefun::fuzz {

namespace pb = io::statefun::sdk::reqreply;

/// The first field where `view` reads other than protobuf's `message`; empty when they agree.
/// Unknown fields are not compared (protobuf keeps them, the views only count them).
std::string difference(const wire::ToFunctionView& view, const pb::ToFunction& message);

/// The same for a FromFunction: its kind and the lists of the member that was set.
std::string difference(const wire::FromFunctionView& view, const pb::FromFunction& message);

}  // namespace statefun::fuzz
