// IngressRecord: a record on a Kafka topic or a Kinesis stream that a module's ingress reads,
// turned into the messages the runtime routes, as the remote module's routable ingresses do.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <statefun/runtime/module.hpp>
#include <statefun/runtime/runtime.hpp>

namespace statefun::runtime {

/// A topic (or stream) no Kafka or Kinesis ingress of the module reads.
class UnknownTopic : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// The messages a record on `topic` with `key` and `value` becomes, as the routable Kafka and
/// Kinesis ingresses of `io.statefun.kafka.v1/ingress` and `io.statefun.kinesis.v1/ingress`
/// make them: one to each target function type of the topic, the id the key (a Kafka key, a
/// Kinesis partition key), the typename the topic's valueType, the value the record's bytes.
/// `source` names it in the trace. Throws UnknownTopic naming the topics the ingresses read.
///
/// Example:
///   const Module module = parse_module(
///       "kind: io.statefun.kafka.v1/ingress\n"
///       "spec:\n"
///       "  id: example/names\n"
///       "  address: kafka:9092\n"
///       "  topics:\n"
///       "    - topic: names\n"
///       "      valueType: example/GreetRequest\n"
///       "      targets: [example/person]\n",
///       "module.yaml");
///   const auto messages = route_record(module, "names", "Bob", R"({"name":"Bob"})", "t");
///   assert(messages.at(0).target == Address("example/person", "Bob"));
std::vector<IngressMessage> route_record(const Module& module,
                                         std::string_view topic,
                                         const std::string& key,
                                         const std::string& value,
                                         const std::string& source);

}  // namespace statefun::runtime
