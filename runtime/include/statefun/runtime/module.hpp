// Module: what a Statefun module.yaml declares (endpoints, ingresses, egresses), as the local
// runtime behind `sft run` reads it.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <statefun/type_name.hpp>

namespace statefun::runtime {

/// Where something was declared: a file and a 1-based line and column (0 when unknown).
struct SourcePosition {
  std::string file;
  int line = 0;
  int column = 0;

  /// "file:line:column", or "file" when the position is unknown.
  std::string str() const;
};

/// A module file the runtime cannot run as it is: what() is "file:line:column: reason".
class ModuleError : public std::runtime_error {
 public:
  ModuleError(SourcePosition where, const std::string& reason);

  const SourcePosition& where() const noexcept { return where_; }

  /// The reason without the position.
  const std::string& reason() const noexcept { return reason_; }

 private:
  SourcePosition where_;
  std::string reason_;
};

/// How the runtime calls an endpoint's functions, with the Flink transport's defaults.
struct Transport {
  enum class Kind : std::uint8_t {
    async,   ///< io.statefun.transports.v1/async (Netty): the default of endpoints v2
    okhttp,  ///< io.statefun.transports.v1/okhttp: always for endpoints v1
  };

  Kind kind = Kind::async;
  /// The whole budget of one call, retries included (async: `call`, or `timeouts.call`).
  std::chrono::milliseconds call{std::chrono::minutes(2)};
  std::chrono::milliseconds connect{std::chrono::seconds(20)};
  /// OkHttp only: each attempt's read and write timeouts.
  std::chrono::milliseconds read{std::chrono::seconds(10)};
  std::chrono::milliseconds write{std::chrono::seconds(10)};
  /// Async only.
  std::chrono::milliseconds pool_ttl{std::chrono::seconds(15)};
  int pool_size = 1024;
  std::size_t payload_max_bytes = std::size_t{32} << 20;
  /// Async only, TLS: file paths as written (`trust_cacerts`, `client_cert`, `client_key`,
  /// `client_key_password`); empty when absent.
  std::string trust_cacerts;
  std::string client_cert;
  std::string client_key;
  std::string client_key_password;

  /// The defaults of `kind`: async as above; OkHttp call 1 min, connect, read, write 10 s.
  static Transport defaults(Kind kind);
};

/// The function types an endpoint serves: one type (`ns/name`) or a namespace (`ns/*`).
struct FunctionPattern {
  std::string ns;
  std::string name;  ///< empty for a namespace

  bool is_namespace() const noexcept { return name.empty(); }

  bool matches(const TypeName& type) const noexcept;

  /// "ns/name" or "ns/*".
  std::string str() const;
};

/// An `io.statefun.endpoints.v1/http` or `v2/http` document.
struct Endpoint {
  FunctionPattern functions;
  std::string url_path_template;  ///< with `{function.name}` placeholders
  /// The backlog of one address that makes the runtime stop taking input until the address's
  /// request completes; 0 (the file's value ≤ 0) means unlimited.
  int max_num_batch_requests = 1000;
  Transport transport;
  SourcePosition where;

  /// The URL of `type`: the template with every `{function.name}` replaced by the type's name
  /// (not its namespace), as the runtime does.
  std::string url_for(const TypeName& type) const;
};

/// Where an ingress sends a record of one topic (Kafka) or stream (Kinesis).
struct IngressRoute {
  std::string topic;       ///< the topic or stream
  std::string value_type;  ///< the typename given to the record's value
  std::vector<TypeName> targets;
};

/// An ingress: the playground's HTTP ingress, or a Kafka or Kinesis ingress served locally as
/// named topics.
struct Ingress {
  enum class Kind : std::uint8_t { playground, kafka, kinesis };

  Kind kind = Kind::playground;
  TypeName id{"io.statefun.playground", "ingress"};
  int port = 0;                      ///< playground only
  std::vector<IngressRoute> routes;  ///< Kafka topics, Kinesis streams
  SourcePosition where;

  /// The route of `topic`, or nullptr.
  const IngressRoute* route(std::string_view topic) const noexcept;
};

/// An egress: the playground's HTTP egress (its topics), or a Kafka or Kinesis egress whose
/// records the runtime shows and keeps per topic or stream.
struct Egress {
  enum class Kind : std::uint8_t { playground, kafka, kinesis };

  Kind kind = Kind::playground;
  TypeName id{"io.statefun.playground", "egress"};
  int port = 0;                     ///< playground only
  std::vector<std::string> topics;  ///< playground only: the topics it accepts
  SourcePosition where;
};

/// A host and port a function service listens on.
struct ServiceAddress {
  std::string host;
  std::uint16_t port = 0;

  /// "host:port".
  std::string str() const;
};

/// Everything a module file declares.
struct Module {
  std::vector<Endpoint> endpoints;
  std::vector<Ingress> ingresses;
  std::vector<Egress> egresses;

  /// The endpoint serving `type`: an exact binding beats a namespace one; nullptr when none
  /// does (the runtime then fails the job: "Cannot find a provider").
  const Endpoint* endpoint_for(const TypeName& type) const noexcept;

  /// The egress `id`, or nullptr (a message to it fails the job).
  const Egress* egress(const TypeName& id) const noexcept;

  /// Where the http:// endpoints' services listen, each host and port once, in the order
  /// declared (what `sft run --exec` waits for); endpoints the runtime cannot call are left out.
  std::vector<ServiceAddress> service_addresses() const;
};

/// Reads a module.yaml as a Flink Statefun cluster does (multi-document `kind`/`spec`, or the
/// legacy `version: "3.0"` format), and refuses what the cluster would refuse: an unknown kind,
/// a typename without exactly two parts, a duplicate binding, a missing required field, a
/// malformed duration or number. Unknown spec keys are ignored, as the cluster ignores them.
/// Throws ModuleError, its position the offending node's. `file` only names the text in errors.
///
/// Example:
///   const Module module = parse_module(
///       "kind: io.statefun.endpoints.v2/http\n"
///       "spec:\n"
///       "  functions: example/*\n"
///       "  urlPathTemplate: http://127.0.0.1:8000/statefun\n",
///       "module.yaml");
///   assert(module.endpoint_for("example/greeter")->url_for("example/greeter") ==
///          "http://127.0.0.1:8000/statefun");
Module parse_module(std::string_view text, const std::string& file);

/// Reads the module file at `path` (at most 16 MiB); throws ModuleError.
Module read_module(const std::string& path);

}  // namespace statefun::runtime
