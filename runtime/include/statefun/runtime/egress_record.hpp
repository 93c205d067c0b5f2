// EgressRecord: a record a function sent to an egress, as the local runtime delivered it.
#pragma once

#include <string>

#include <statefun/runtime/module.hpp>
#include <statefun/type_name.hpp>
#include <statefun/typed_value.hpp>

namespace statefun::runtime {

/// A record that reached an egress: decoded as its egress reads it (the playground egress's
/// JSON record, Kafka's producer record, Kinesis's record), the value sent kept as it was.
struct EgressRecord {
  TypeName egress{"io.statefun.playground", "egress"};
  Egress::Kind kind = Egress::Kind::playground;
  std::string topic;  ///< the playground or Kafka topic, the Kinesis stream
  std::string key;    ///< the Kafka key or Kinesis partition key; empty: none
  std::string value;  ///< the payload (playground: UTF-8 text) or the value bytes
  TypedValue argument;
};

}  // namespace statefun::runtime
