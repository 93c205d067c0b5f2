// The egresses' readers: what each egress makes of the value a function sent it.
#include "egress_reader.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include <statefun/error.hpp>
#include <statefun/protocol/values.hpp>

namespace statefun::runtime::detail {

EgressRecord read_egress(const Egress& egress, TypedValue value) {
  EgressRecord record;
  record.egress = egress.id;
  record.kind = egress.kind;
  try {
    switch (egress.kind) {
      case Egress::Kind::playground: {
        protocol::PlaygroundEgressRecord r = protocol::playground_record(value);
        if (std::find(egress.topics.begin(), egress.topics.end(), r.topic) == egress.topics.end()) {
          throw std::invalid_argument("the playground egress has no topic '" + r.topic +
                                      "' (its topics are listed in " + egress.where.str() + ")");
        }
        record.topic = std::move(r.topic);
        record.value = std::move(r.payload);
        break;
      }
      case Egress::Kind::kafka: {
        protocol::KafkaRecord r = protocol::kafka_record(value);
        record.topic = std::move(r.topic);
        record.key = std::move(r.key);
        record.value = std::move(r.value);
        break;
      }
      case Egress::Kind::kinesis: {
        protocol::KinesisRecord r = protocol::kinesis_record(value);
        record.topic = std::move(r.stream);
        record.key = std::move(r.partition_key);
        record.value = std::move(r.value);
        break;
      }
    }
  } catch (const Error& e) {
    throw std::invalid_argument(e.what());
  }
  record.argument = std::move(value);
  return record;
}

}  // namespace statefun::runtime::detail
