// Reading a value sent to an egress as that egress does (the playground's JSON record, the
// generic Kafka and Kinesis records).
#pragma once

#include <statefun/runtime/egress_record.hpp>
#include <statefun/runtime/module.hpp>
#include <statefun/typed_value.hpp>

namespace statefun::runtime::detail {

/// The record `value` makes in `egress`. Throws std::invalid_argument with what the egress
/// refuses (another typename, bytes that do not decode, a playground topic it does not list):
/// the runtime then fails the job.
EgressRecord read_egress(const Egress& egress, TypedValue value);

}  // namespace statefun::runtime::detail
