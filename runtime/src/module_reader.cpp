// Reading module.yaml into a Module: the kinds a Flink Statefun cluster binds, their specs with
// the runtime's defaults and checks, the legacy 3.0 layout, every refusal at its position.
#include <algorithm>
#include <array>
#include <chrono>
#include <functional>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <statefun/runtime/module.hpp>
#include <statefun/yaml/bounded_document.hpp>
#include <statefun/yaml/plain_scalar.hpp>

#include "flink_duration.hpp"
#include "flink_type_name.hpp"

namespace statefun::runtime {

namespace {

using std::chrono::milliseconds;

constexpr std::string_view kEndpointV1 = "io.statefun.endpoints.v1/http";
constexpr std::string_view kEndpointV2 = "io.statefun.endpoints.v2/http";
constexpr std::string_view kKafkaIngress = "io.statefun.kafka.v1/ingress";
constexpr std::string_view kKafkaEgress = "io.statefun.kafka.v1/egress";
constexpr std::string_view kKinesisIngress = "io.statefun.kinesis.v1/ingress";
constexpr std::string_view kKinesisEgress = "io.statefun.kinesis.v1/egress";
constexpr std::string_view kPlaygroundIngress = "io.statefun.playground.v1/ingress";
constexpr std::string_view kPlaygroundEgress = "io.statefun.playground.v1/egress";
constexpr std::string_view kAsyncTransport = "io.statefun.transports.v1/async";
constexpr std::string_view kOkHttpTransport = "io.statefun.transports.v1/okhttp";

constexpr std::array kKinds = {kEndpointV2,
                               kEndpointV1,
                               kKafkaIngress,
                               kKafkaEgress,
                               kKinesisIngress,
                               kKinesisEgress,
                               kPlaygroundIngress,
                               kPlaygroundEgress};

constexpr int kPlaygroundIngressPort = 8090;  // the playground's docker-compose setup
constexpr int kPlaygroundEgressPort = 8091;

std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a map";
    case YAML::NodeType::Null:
      return "empty";
    default:
      return "'" + node.Scalar() + "'";
  }
}

/// Walks one module file's YAML, turning nodes into the model or a ModuleError at their place.
class ModuleReader {
 public:
  explicit ModuleReader(const std::string& file) : file_(file) {}

  Module read(std::string_view text) {
    std::vector<yaml::StreamDocument> documents;
    try {
      documents = yaml::parse_bounded_stream(text);
    } catch (const yaml::Error& e) {
      throw ModuleError({file_, e.line(), e.column()}, e.what());
    }
    std::erase_if(documents, [](const yaml::StreamDocument& d) { return d.root.IsNull(); });
    if (documents.size() == 1 && documents.front().root.IsMap() &&
        documents.front().root["version"].IsDefined()) {
      first_line_ = documents.front().first_line;
      read_legacy(documents.front().root);
    } else {
      for (const yaml::StreamDocument& document : documents) {
        first_line_ = document.first_line;
        read_component(document.root);
      }
    }
    return std::move(module_);
  }

 private:
  // --- positions and refusals ---

  SourcePosition at(const YAML::Node& node) const {
    const YAML::Mark mark = node.Mark();
    if (mark.line < 0) {
      return {file_, 0, 0};
    }
    return {file_, first_line_ + mark.line + 1, mark.column + 1};
  }

  [[noreturn]] void fail(const YAML::Node& node, const std::string& reason) const {
    throw ModuleError(at(node), reason);
  }

  // --- fields ---

  /// The value of `key` in the map `map`, or an undefined node when absent or null.
  static YAML::Node field(const YAML::Node& map, std::string_view key) {
    YAML::Node value = map[std::string(key)];
    if (value.IsDefined() && !value.IsNull()) {
      return value;
    }
    return YAML::Node(YAML::NodeType::Undefined);
  }

  YAML::Node required(const YAML::Node& map, std::string_view key, std::string_view what) const {
    YAML::Node value = field(map, key);
    if (!value.IsDefined()) {
      fail(map, std::string(what) + " has no '" + std::string(key) + "' (it is required)");
    }
    return value;
  }

  void expect_map(const YAML::Node& node, std::string_view what) const {
    if (!node.IsMap()) {
      fail(node, std::string(what) + " must be a map, not " + describe(node));
    }
  }

  void expect_list(const YAML::Node& node, std::string_view what) const {
    if (!node.IsSequence()) {
      fail(node, std::string(what) + " must be a list, not " + describe(node));
    }
  }

  std::string text(const YAML::Node& node, std::string_view what) const {
    if (!node.IsScalar()) {
      fail(node, std::string(what) + " must be text, not " + describe(node));
    }
    return node.Scalar();
  }

  std::string optional_text(const YAML::Node& map, std::string_view key) const {
    const YAML::Node value = field(map, key);
    return value.IsDefined() ? text(value, key) : std::string();
  }

  /// A typename as the runtime's TypeName.parseFrom wants it: exactly two non-empty parts.
  TypeName type_name(const YAML::Node& node, std::string_view what) const {
    const std::string name = text(node, what);
    if (!detail::is_flink_type_name(name)) {
      fail(node,
           std::string(what) + " '" + name +
               "' is not a typename: it must be namespace/name, with exactly one '/'");
    }
    const std::size_t slash = name.find('/');
    return {std::string_view(name).substr(0, slash), std::string_view(name).substr(slash + 1)};
  }

  long long whole_number(const YAML::Node& node, std::string_view what) const {
    const std::string value = text(node, what);
    nlohmann::json number;
    try {
      number = yaml::resolve_plain(value);
    } catch (const yaml::NumberOutOfRange& e) {
      fail(node, std::string(what) + ": " + e.what());
    }
    if (!number.is_number_integer() ||
        (number.is_number_unsigned() &&
         number.get<unsigned long long>() >
             static_cast<unsigned long long>(std::numeric_limits<long long>::max()))) {
      fail(node, std::string(what) + " must be a whole number, not '" + value + "'");
    }
    return number.get<long long>();
  }

  int bounded_number(const YAML::Node& node,
                     std::string_view what,
                     long long low,
                     long long high) const {
    const long long n = whole_number(node, what);
    if (n < low || n > high) {
      fail(node,
           std::string(what) + " must be between " + std::to_string(low) + " and " +
               std::to_string(high) + ", not " + std::to_string(n));
    }
    return static_cast<int>(n);
  }

  milliseconds duration(const YAML::Node& node, std::string_view what, bool nonzero) const {
    std::chrono::nanoseconds value{};
    try {
      value = detail::parse_flink_duration(text(node, what));
    } catch (const std::invalid_argument& e) {
      fail(node, std::string(what) + ": " + e.what());
    }
    if (nonzero && value.count() == 0) {
      fail(node, std::string(what) + " must be larger than 0 (the runtime refuses a zero timeout)");
    }
    return std::chrono::duration_cast<milliseconds>(value);
  }

  /// Checks that `node` is one of `choices`, compared as the runtime compares it (ignoring
  /// case when `any_case`).
  template <std::size_t N>
  void choice(const YAML::Node& node,
              std::string_view what,
              const std::array<std::string_view, N>& choices,
              bool any_case = false) const {
    const std::string value = text(node, what);
    std::string compared = value;
    if (any_case) {
      std::transform(compared.begin(), compared.end(), compared.begin(), [](unsigned char c) {
        return static_cast<char>(std::tolower(c));
      });
    }
    for (const std::string_view c : choices) {
      if (c == compared) {
        return;
      }
    }
    std::string known;
    for (const std::string_view c : choices) {
      known += (known.empty() ? "" : ", ") + std::string(c);
    }
    fail(node, std::string(what) + " '" + value + "' is not one of " + known);
  }

  // --- documents ---

  void read_component(const YAML::Node& document) {
    expect_map(document, "a module document");
    const YAML::Node kind_node = required(document, "kind", "the document");
    const YAML::Node spec = required(document, "spec", "the document");
    const TypeName kind = type_name(kind_node, "the kind");
    bind(kind_node, kind.str(), spec);
  }

  /// `version: "3.0"` with `module: {meta: {type: remote}, spec: {endpoints, ingresses,
  /// egresses}}`, each item `{endpoint|ingress|egress: {meta: {kind|type, id}, spec}}`.
  void read_legacy(const YAML::Node& root) {
    const YAML::Node version = required(root, "version", "the module");
    const std::string v = text(version, "version");
    if (v != "3.0") {
      fail(version,
           "module format version '" + v +
               "' is not supported: use the kind/spec documents of Statefun 3.1+, or "
               "version \"3.0\"");
    }
    const YAML::Node module = required(root, "module", "a version 3.0 file");
    expect_map(module, "module");
    const YAML::Node meta = required(module, "meta", "module");
    expect_map(meta, "module.meta");
    choice(required(meta, "type", "module.meta"),
           "module.meta.type",
           std::array<std::string_view, 1>{"remote"},
           true);
    const YAML::Node spec = required(module, "spec", "module");
    expect_map(spec, "module.spec");
    read_legacy_list(spec, "endpoints", "endpoint", "kind");
    read_legacy_list(spec, "ingresses", "ingress", "type");
    read_legacy_list(spec, "egresses", "egress", "type");
  }

  void read_legacy_list(const YAML::Node& spec,
                        std::string_view list_key,
                        std::string_view item_key,
                        std::string_view kind_key) {
    const YAML::Node list = field(spec, list_key);
    if (!list.IsDefined()) {
      return;
    }
    expect_list(list, "module.spec." + std::string(list_key));
    for (const YAML::Node& item : list) {
      expect_map(item, "an item of " + std::string(list_key));
      const YAML::Node component = required(item, item_key, "an item of " + std::string(list_key));
      expect_map(component, std::string(item_key));
      const YAML::Node meta = required(component, "meta", std::string(item_key));
      expect_map(meta, std::string(item_key) + ".meta");
      const YAML::Node kind_node = required(meta, kind_key, std::string(item_key) + ".meta");
      const std::string legacy_kind =
          text(kind_node, std::string(item_key) + ".meta." + std::string(kind_key));
      const YAML::Node component_spec = required(component, "spec", std::string(item_key));
      // the runtime moves an ingress's or egress's meta.id into its spec
      const YAML::Node id = item_key == "endpoint"
                                ? YAML::Node(YAML::NodeType::Undefined)
                                : required(meta, "id", std::string(item_key) + ".meta");
      bind(kind_node, legacy_kind_name(kind_node, legacy_kind), component_spec, id);
    }
  }

  std::string legacy_kind_name(const YAML::Node& node, const std::string& kind) const {
    static const std::map<std::string, std::string_view, std::less<>> kConversions = {
        {"http", kEndpointV1},
        {"io.statefun.kafka/ingress", kKafkaIngress},
        {"io.statefun.kafka/egress", kKafkaEgress},
        {"io.statefun.kinesis/ingress", kKinesisIngress},
        {"io.statefun.kinesis/egress", kKinesisEgress},
    };
    if (const auto it = kConversions.find(kind); it != kConversions.end()) {
      return std::string(it->second);
    }
    return type_name(node, "the kind").str();
  }

  /// Binds the component `kind` of `spec`; `legacy_id` is the id of a version 3.0 ingress or
  /// egress (its meta.id), undefined otherwise.
  void bind(const YAML::Node& kind_node,
            const std::string& kind,
            const YAML::Node& spec,
            const YAML::Node& legacy_id = YAML::Node(YAML::NodeType::Undefined)) {
    expect_map(spec, "the spec of " + kind);
    const YAML::Node id = legacy_id.IsDefined() ? legacy_id : field(spec, "id");
    if (kind == kEndpointV2 || kind == kEndpointV1) {
      add_endpoint(endpoint(kind == kEndpointV2, spec), spec);
    } else if (kind == kKafkaIngress || kind == kKinesisIngress) {
      add_ingress(routed_ingress(kind == kKafkaIngress, spec, id), spec);
    } else if (kind == kPlaygroundIngress) {
      Ingress ingress;
      ingress.kind = Ingress::Kind::playground;
      ingress.port = port(spec, kPlaygroundIngressPort);
      ingress.where = at(spec);
      add_ingress(std::move(ingress), spec);
    } else if (kind == kKafkaEgress || kind == kKinesisEgress) {
      add_egress(identified_egress(kind == kKafkaEgress, spec, id), spec);
    } else if (kind == kPlaygroundEgress) {
      add_egress(playground_egress(spec), spec);
    } else {
      std::string known;
      for (const std::string_view k : kKinds) {
        known += (known.empty() ? "" : ", ") + std::string(k);
      }
      fail(kind_node, "unknown kind '" + kind + "' (sft run knows " + known + ")");
    }
  }

  // --- endpoints ---

  FunctionPattern function_pattern(const YAML::Node& node) const {
    const TypeName pattern = type_name(node, "functions");
    if (pattern.ns().find('*') != std::string_view::npos ||
        (pattern.name() != "*" && pattern.name().find('*') != std::string_view::npos)) {
      fail(node,
           "functions '" + pattern.str() + "': only namespace/name or namespace/* are supported");
    }
    return {std::string(pattern.ns()), pattern.name() == "*" ? "" : std::string(pattern.name())};
  }

  std::string url_template(const YAML::Node& node) const {
    std::string url = text(node, "urlPathTemplate");
    static constexpr std::array<std::string_view, 4> kSchemes = {
        "http://", "https://", "http+unix://", "https+unix://"};
    const bool known = std::any_of(kSchemes.begin(), kSchemes.end(), [&](std::string_view s) {
      return url.size() > s.size() && url.compare(0, s.size(), s) == 0;
    });
    if (!known) {
      fail(node,
           "urlPathTemplate '" + url +
               "' must start with http://, https://, http+unix:// or https+unix://");
    }
    return url;
  }

  Endpoint endpoint(bool v2, const YAML::Node& spec) const {
    Endpoint endpoint;
    endpoint.where = at(spec);
    endpoint.functions = function_pattern(required(spec, "functions", "the endpoint"));
    endpoint.url_path_template = url_template(required(spec, "urlPathTemplate", "the endpoint"));
    if (const YAML::Node max = field(spec, "maxNumBatchRequests"); max.IsDefined()) {
      endpoint.max_num_batch_requests = std::max(0,
                                                 bounded_number(max,
                                                                "maxNumBatchRequests",
                                                                std::numeric_limits<int>::min(),
                                                                std::numeric_limits<int>::max()));
    }
    if (!v2) {  // endpoints v1 always use OkHttp, its properties in the spec itself
      endpoint.transport = okhttp_transport(spec);
      return endpoint;
    }
    const YAML::Node transport = field(spec, "transport");
    if (!transport.IsDefined()) {
      return endpoint;
    }
    expect_map(transport, "transport");
    std::string type(kAsyncTransport);
    if (const YAML::Node type_node = field(transport, "type"); type_node.IsDefined()) {
      type = type_name(type_node, "transport.type").str();
      if (type != kAsyncTransport && type != kOkHttpTransport) {
        fail(type_node,
             "unknown transport type '" + type + "' (known: " + std::string(kAsyncTransport) +
                 ", " + std::string(kOkHttpTransport) + ")");
      }
    }
    endpoint.transport =
        type == kAsyncTransport ? async_transport(transport) : okhttp_transport(transport);
    return endpoint;
  }

  /// NettyRequestReplySpec: `timeouts.call` (default 1 min once `timeouts` is given) beats
  /// `call` (default 2 min), and the same for `connect` (10 s and 20 s).
  Transport async_transport(const YAML::Node& properties) const {
    Transport transport = Transport::defaults(Transport::Kind::async);
    if (const YAML::Node call = field(properties, "call"); call.IsDefined()) {
      transport.call = duration(call, "transport.call", false);
    }
    if (const YAML::Node connect = field(properties, "connect"); connect.IsDefined()) {
      transport.connect = duration(connect, "transport.connect", false);
    }
    if (const YAML::Node timeouts = field(properties, "timeouts"); timeouts.IsDefined()) {
      expect_map(timeouts, "transport.timeouts");
      transport.call = std::chrono::minutes(1);
      transport.connect = std::chrono::seconds(10);
      if (const YAML::Node call = field(timeouts, "call"); call.IsDefined()) {
        transport.call = duration(call, "transport.timeouts.call", true);
      }
      if (const YAML::Node connect = field(timeouts, "connect"); connect.IsDefined()) {
        transport.connect = duration(connect, "transport.timeouts.connect", true);
      }
    }
    if (const YAML::Node ttl = field(properties, "pool_ttl"); ttl.IsDefined()) {
      transport.pool_ttl = duration(ttl, "transport.pool_ttl", false);
    }
    if (const YAML::Node size = field(properties, "pool_size"); size.IsDefined()) {
      transport.pool_size =
          bounded_number(size, "transport.pool_size", 1, std::numeric_limits<int>::max());
    }
    if (const YAML::Node max = field(properties, "payload_max_bytes"); max.IsDefined()) {
      transport.payload_max_bytes = static_cast<std::size_t>(
          bounded_number(max, "transport.payload_max_bytes", 1, std::numeric_limits<int>::max()));
    }
    transport.trust_cacerts = optional_text(properties, "trust_cacerts");
    transport.client_cert = optional_text(properties, "client_cert");
    transport.client_key = optional_text(properties, "client_key");
    transport.client_key_password = optional_text(properties, "client_key_password");
    return transport;
  }

  /// DefaultHttpRequestReplyClientSpec: `timeouts{call, connect, read, write}`, none zero, none
  /// of connect, read and write longer than call.
  Transport okhttp_transport(const YAML::Node& properties) const {
    Transport transport = Transport::defaults(Transport::Kind::okhttp);
    const YAML::Node timeouts = field(properties, "timeouts");
    if (!timeouts.IsDefined()) {
      return transport;
    }
    expect_map(timeouts, "timeouts");
    const std::array<std::pair<std::string_view, milliseconds*>, 4> fields = {{
        {"call", &transport.call},
        {"connect", &transport.connect},
        {"read", &transport.read},
        {"write", &transport.write},
    }};
    for (const auto& [key, target] : fields) {
      if (const YAML::Node value = field(timeouts, key); value.IsDefined()) {
        *target = duration(value, "timeouts." + std::string(key), true);
      }
    }
    for (const auto& [key, target] : fields) {
      if (*target > transport.call) {
        fail(timeouts,
             "the " + std::string(key) +
                 " timeout cannot be larger than the call timeout (as OkHttp requires)");
      }
    }
    return transport;
  }

  void add_endpoint(Endpoint endpoint, const YAML::Node& spec) {
    for (const Endpoint& bound : module_.endpoints) {
      if (bound.functions.ns == endpoint.functions.ns &&
          bound.functions.name == endpoint.functions.name) {
        fail(
            spec,
            "functions " + endpoint.functions.str() + " are already bound at " + bound.where.str());
      }
    }
    module_.endpoints.push_back(std::move(endpoint));
  }

  // --- ingresses and egresses ---

  int port(const YAML::Node& spec, int fallback) const {
    const YAML::Node value = field(spec, "port");
    return value.IsDefined() ? bounded_number(value, "port", 0, 65535) : fallback;
  }

  /// Kafka's `topics` or Kinesis's `streams`: `{topic|stream, valueType, targets}` each.
  Ingress routed_ingress(bool kafka, const YAML::Node& spec, const YAML::Node& id) const {
    const std::string_view what = kafka ? "the Kafka ingress" : "the Kinesis ingress";
    const std::string_view list_key = kafka ? "topics" : "streams";
    Ingress ingress;
    ingress.kind = kafka ? Ingress::Kind::kafka : Ingress::Kind::kinesis;
    ingress.where = at(spec);
    if (!id.IsDefined()) {
      fail(spec, std::string(what) + " has no 'id' (it is required)");
    }
    ingress.id = type_name(id, "id");
    const YAML::Node routes = required(spec, list_key, what);
    expect_list(routes, list_key);
    for (const YAML::Node& item : routes) {
      IngressRoute route = ingress_route(item, kafka ? "topic" : "stream", list_key);
      if (ingress.route(route.topic) != nullptr) {
        fail(item,
             std::string(kafka ? "topic" : "stream") + " '" + route.topic + "' is listed twice");
      }
      ingress.routes.push_back(std::move(route));
    }
    if (ingress.routes.empty()) {
      fail(routes, std::string(what) + " needs at least one item in " + std::string(list_key));
    }
    check_positions(kafka, spec);
    return ingress;
  }

  IngressRoute ingress_route(const YAML::Node& item,
                             std::string_view name_key,
                             std::string_view list_key) const {
    expect_map(item, "an item of " + std::string(list_key));
    IngressRoute route;
    route.topic = text(required(item, name_key, "the item"), name_key);
    route.value_type = type_name(required(item, "valueType", "the item"), "valueType").str();
    const YAML::Node targets = required(item, "targets", "the item");
    expect_list(targets, "targets");
    for (const YAML::Node& target : targets) {
      route.targets.push_back(type_name(target, "a target"));
    }
    return route;
  }

  /// Where a Kafka or Kinesis ingress would start reading: checked as the cluster checks it,
  /// although local topics are always read from their start.
  void check_positions(bool kafka, const YAML::Node& spec) const {
    if (kafka) {
      if (const YAML::Node reset = field(spec, "autoOffsetResetPosition"); reset.IsDefined()) {
        choice(reset,
               "autoOffsetResetPosition",
               std::array<std::string_view, 2>{"earliest", "latest"},
               true);
      }
    }
    const YAML::Node startup = field(spec, "startupPosition");
    if (!startup.IsDefined()) {
      return;
    }
    expect_map(startup, "startupPosition");
    const YAML::Node type = required(startup, "type", "startupPosition");
    if (kafka) {
      choice(type,
             "startupPosition.type",
             std::array<std::string_view, 5>{
                 "earliest", "latest", "group-offsets", "specific-offsets", "date"});
    } else {
      choice(type,
             "startupPosition.type",
             std::array<std::string_view, 3>{"earliest", "latest", "date"});
    }
  }

  Egress identified_egress(bool kafka, const YAML::Node& spec, const YAML::Node& id) const {
    Egress egress;
    egress.kind = kafka ? Egress::Kind::kafka : Egress::Kind::kinesis;
    egress.where = at(spec);
    if (!id.IsDefined()) {
      fail(spec,
           std::string(kafka ? "the Kafka egress" : "the Kinesis egress") +
               " has no 'id' (it is required)");
    }
    egress.id = type_name(id, "id");
    if (kafka) {
      if (const YAML::Node semantic = field(spec, "deliverySemantic"); semantic.IsDefined()) {
        expect_map(semantic, "deliverySemantic");
        choice(required(semantic, "type", "deliverySemantic"),
               "deliverySemantic.type",
               std::array<std::string_view, 3>{"at-least-once", "exactly-once", "none"});
      }
    }
    return egress;
  }

  Egress playground_egress(const YAML::Node& spec) const {
    Egress egress;
    egress.kind = Egress::Kind::playground;
    egress.where = at(spec);
    egress.port = port(spec, kPlaygroundEgressPort);
    const YAML::Node topics = required(spec, "topics", "the playground egress");
    expect_list(topics, "topics");
    for (const YAML::Node& topic : topics) {
      egress.topics.push_back(text(topic, "a topic"));
    }
    return egress;
  }

  void add_ingress(Ingress ingress, const YAML::Node& spec) {
    for (const Ingress& bound : module_.ingresses) {
      if (bound.id == ingress.id) {
        fail(spec, "the ingress " + ingress.id.str() + " is already bound at " + bound.where.str());
      }
    }
    module_.ingresses.push_back(std::move(ingress));
  }

  void add_egress(Egress egress, const YAML::Node& spec) {
    if (const Egress* bound = module_.egress(egress.id); bound != nullptr) {
      fail(spec, "the egress " + egress.id.str() + " is already bound at " + bound->where.str());
    }
    module_.egresses.push_back(std::move(egress));
  }

  const std::string& file_;
  int first_line_ = 0;  ///< of the document being read, in the file
  Module module_;
};

}  // namespace

Module parse_module(std::string_view text, const std::string& file) {
  return ModuleReader(file).read(text);
}

Module read_module(const std::string& path) {
  std::string text;
  try {
    text = yaml::read_bounded_file(path);
  } catch (const yaml::Error& e) {
    throw ModuleError({path, 0, 0}, e.what());
  }
  return parse_module(text, path);
}

}  // namespace statefun::runtime
