// A Kafka or Kinesis record routed as the remote module's routable ingresses route it.
#include <statefun/runtime/ingress_record.hpp>

namespace statefun::runtime {

namespace {

/// "'names' (example/names, module.yaml:3:1), 'orders' (...)", or "none".
std::string topics_read(const Module& module) {
  std::string topics;
  for (const Ingress& ingress : module.ingresses) {
    for (const IngressRoute& route : ingress.routes) {
      topics += (topics.empty() ? "'" : ", '") + route.topic + "' (" + ingress.id.str() + ")";
    }
  }
  return topics.empty() ? "none: the module declares no Kafka or Kinesis ingress" : topics;
}

}  // namespace

std::vector<IngressMessage> route_record(const Module& module,
                                         std::string_view topic,
                                         const std::string& key,
                                         const std::string& value,
                                         const std::string& source) {
  for (const Ingress& ingress : module.ingresses) {
    const IngressRoute* route = ingress.route(topic);
    if (route == nullptr) {
      continue;
    }
    std::vector<IngressMessage> messages;
    messages.reserve(route->targets.size());
    for (const TypeName& target : route->targets) {
      messages.push_back(
          {Address(target, key), TypedValue{route->value_type, true, value}, source, {}});
    }
    return messages;
  }
  throw UnknownTopic("no Kafka or Kinesis ingress of the module reads the topic '" +
                     std::string(topic) + "' (the topics they read: " + topics_read(module) + ")");
}

}  // namespace statefun::runtime
