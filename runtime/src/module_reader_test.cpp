#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <statefun/runtime/module.hpp>

#include <unistd.h>

namespace statefun::runtime {
namespace {

using std::chrono::milliseconds;

/// The playground greeter's module, as its docker-compose setup mounts it.
constexpr const char* kGreeterModule = R"(kind: io.statefun.endpoints.v2/http
spec:
  functions: example/*
  urlPathTemplate: http://functions:8000/statefun
  transport:
    type: io.statefun.transports.v1/async
---
kind: io.statefun.playground.v1/ingress
spec:
  port: 8090
---
kind: io.statefun.playground.v1/egress
spec:
  port: 8091
  topics:
    - greetings
)";

/// What parse_module refuses `text` with ("file:line:column: reason"), or "accepted".
std::string refusal(const std::string& text) {
  try {
    (void)parse_module(text, "module.yaml");
  } catch (const ModuleError& e) {
    return e.what();
  }
  return "accepted";
}

std::string endpoint_with(const std::string& extra) {
  return "kind: io.statefun.endpoints.v2/http\n"
         "spec:\n"
         "  functions: example/*\n"
         "  urlPathTemplate: http://127.0.0.1:8000/statefun\n" +
         extra;
}

TEST(ModuleReader, ReadsThePlaygroundGreeterModule) {
  const Module module = parse_module(kGreeterModule, "module.yaml");
  ASSERT_EQ(module.endpoints.size(), 1U);
  const Endpoint& endpoint = module.endpoints[0];
  EXPECT_EQ(endpoint.functions.str(), "example/*");
  EXPECT_TRUE(endpoint.functions.is_namespace());
  EXPECT_EQ(endpoint.url_path_template, "http://functions:8000/statefun");
  EXPECT_EQ(endpoint.max_num_batch_requests, 1000);
  EXPECT_EQ(endpoint.transport.kind, Transport::Kind::async);
  EXPECT_EQ(endpoint.transport.call, std::chrono::minutes(2));
  EXPECT_EQ(endpoint.transport.connect, std::chrono::seconds(20));
  EXPECT_EQ(endpoint.transport.payload_max_bytes, 33'554'432U);
  EXPECT_EQ(endpoint.where.str(), "module.yaml:3:3");

  ASSERT_EQ(module.ingresses.size(), 1U);
  EXPECT_EQ(module.ingresses[0].kind, Ingress::Kind::playground);
  EXPECT_EQ(module.ingresses[0].id.str(), "io.statefun.playground/ingress");
  EXPECT_EQ(module.ingresses[0].port, 8090);
  ASSERT_EQ(module.egresses.size(), 1U);
  EXPECT_EQ(module.egresses[0].port, 8091);
  EXPECT_EQ(module.egresses[0].topics, std::vector<std::string>{"greetings"});
  EXPECT_EQ(module.egress("io.statefun.playground/egress"), module.egresses.data());
  EXPECT_EQ(module.egress("example/other"), nullptr);
}

TEST(ModuleReader, AnExactBindingBeatsItsNamespace) {
  const Module module = parse_module(
      endpoint_with("---\n"
                    "kind: io.statefun.endpoints.v2/http\n"
                    "spec:\n"
                    "  functions: example/greeter\n"
                    "  urlPathTemplate: http://127.0.0.1:9000/{function.name}/x/{function.name}\n"),
      "module.yaml");
  ASSERT_EQ(module.endpoints.size(), 2U);
  EXPECT_EQ(module.endpoint_for("example/greeter"), &module.endpoints[1]);
  EXPECT_EQ(module.endpoint_for("example/person"), module.endpoints.data());
  EXPECT_EQ(module.endpoint_for("other/greeter"), nullptr);
  EXPECT_EQ(module.endpoint_for("examples/greeter"), nullptr);  // the namespace matches exactly
  EXPECT_EQ(module.endpoints[1].url_for("example/greeter"),
            "http://127.0.0.1:9000/greeter/x/greeter");
}

TEST(ModuleReader, ABatchLimitOfZeroOrLessIsUnlimited) {
  EXPECT_EQ(parse_module(endpoint_with("  maxNumBatchRequests: 5\n"), "m")
                .endpoints[0]
                .max_num_batch_requests,
            5);
  EXPECT_EQ(parse_module(endpoint_with("  maxNumBatchRequests: -1\n"), "m")
                .endpoints[0]
                .max_num_batch_requests,
            0);
  EXPECT_EQ(refusal(endpoint_with("  maxNumBatchRequests: many\n")),
            "module.yaml:5:24: maxNumBatchRequests must be a whole number, not 'many'");
  EXPECT_EQ(refusal(endpoint_with("  maxNumBatchRequests: 1e12\n")),
            "module.yaml:5:24: maxNumBatchRequests must be a whole number, not '1e12'");
}

TEST(ModuleReader, TheAsyncTransportTakesItsTimeoutsAsTheRuntimeDoes) {
  const Transport top = parse_module(endpoint_with("  transport:\n"
                                                   "    call: 30s\n"
                                                   "    connect: 500\n"
                                                   "    pool_ttl: 1 min\n"
                                                   "    pool_size: 8\n"
                                                   "    payload_max_bytes: 1024\n"),
                                     "m")
                            .endpoints[0]
                            .transport;
  EXPECT_EQ(top.kind, Transport::Kind::async);  // a transport without a type is async
  EXPECT_EQ(top.call, std::chrono::seconds(30));
  EXPECT_EQ(top.connect, milliseconds(500));
  EXPECT_EQ(top.pool_ttl, std::chrono::minutes(1));
  EXPECT_EQ(top.pool_size, 8);
  EXPECT_EQ(top.payload_max_bytes, 1024U);

  // a `timeouts` object wins, with its own defaults (1 min, 10 s) for what it leaves out
  const Transport nested = parse_module(endpoint_with("  transport:\n"
                                                      "    call: 5min\n"
                                                      "    connect: 1s\n"
                                                      "    timeouts:\n"
                                                      "      connect: 2s\n"),
                                        "m")
                               .endpoints[0]
                               .transport;
  EXPECT_EQ(nested.call, std::chrono::minutes(1));
  EXPECT_EQ(nested.connect, std::chrono::seconds(2));

  EXPECT_EQ(refusal(endpoint_with("  transport:\n    timeouts:\n      call: 0s\n")),
            "module.yaml:7:13: transport.timeouts.call must be larger than 0 (the runtime "
            "refuses a zero timeout)");
  EXPECT_EQ(refusal(endpoint_with("  transport:\n    call: soon\n")),
            "module.yaml:6:11: transport.call: 'soon' is not a duration: it must start with a "
            "whole number (e.g. 500ms, 10s, 2min)");
  EXPECT_EQ(refusal(endpoint_with("  transport:\n    type: io.statefun.transports.v1/grpc\n")),
            "module.yaml:6:11: unknown transport type 'io.statefun.transports.v1/grpc' (known: "
            "io.statefun.transports.v1/async, io.statefun.transports.v1/okhttp)");
}

TEST(ModuleReader, OkHttpTimeoutsAreCheckedAgainstTheCallTimeout) {
  const Transport okhttp = parse_module(endpoint_with("  transport:\n"
                                                      "    type: io.statefun.transports.v1/okhttp\n"
                                                      "    timeouts:\n"
                                                      "      call: 30s\n"
                                                      "      read: 5s\n"),
                                        "m")
                               .endpoints[0]
                               .transport;
  EXPECT_EQ(okhttp.kind, Transport::Kind::okhttp);
  EXPECT_EQ(okhttp.call, std::chrono::seconds(30));
  EXPECT_EQ(okhttp.connect, std::chrono::seconds(10));
  EXPECT_EQ(okhttp.read, std::chrono::seconds(5));
  EXPECT_EQ(okhttp.write, std::chrono::seconds(10));
  EXPECT_EQ(refusal(endpoint_with("  transport:\n"
                                  "    type: io.statefun.transports.v1/okhttp\n"
                                  "    timeouts:\n"
                                  "      call: 5s\n")),
            "module.yaml:8:7: the connect timeout cannot be larger than the call timeout (as "
            "OkHttp requires)");
}

TEST(ModuleReader, EndpointsV1UseOkHttpWithTheSpecsTimeouts) {
  const Module module = parse_module(R"(kind: io.statefun.endpoints.v1/http
spec:
  functions: example/greeter
  urlPathTemplate: http://127.0.0.1:8000/statefun
  timeouts:
    call: 2 min
)",
                                     "m");
  const Transport& transport = module.endpoints[0].transport;
  EXPECT_EQ(transport.kind, Transport::Kind::okhttp);
  EXPECT_EQ(transport.call, std::chrono::minutes(2));
  EXPECT_EQ(transport.read, std::chrono::seconds(10));
}

TEST(ModuleReader, KafkaAndKinesisAreReadWithTheirRoutes) {
  const Module module = parse_module(R"(kind: io.statefun.kafka.v1/ingress
spec:
  id: example/names
  address: kafka:9092
  consumerGroupId: greeter
  startupPosition:
    type: earliest
  topics:
    - topic: names
      valueType: example/GreetRequest
      targets:
        - example/person
        - example/audit
---
kind: io.statefun.kafka.v1/egress
spec:
  id: example/greets
  deliverySemantic:
    type: exactly-once
    transactionTimeout: 15min
---
kind: io.statefun.kinesis.v1/ingress
spec:
  id: example/clicks
  awsRegion:
    type: specific
    id: us-west-1
  streams:
    - stream: clicks
      valueType: example/Click
      targets: [example/counter]
---
kind: io.statefun.kinesis.v1/egress
spec:
  id: example/out
)",
                                     "m");
  ASSERT_EQ(module.ingresses.size(), 2U);
  const Ingress& kafka = module.ingresses[0];
  EXPECT_EQ(kafka.kind, Ingress::Kind::kafka);
  EXPECT_EQ(kafka.id.str(), "example/names");
  ASSERT_NE(kafka.route("names"), nullptr);
  EXPECT_EQ(kafka.route("names")->value_type, "example/GreetRequest");
  EXPECT_EQ(kafka.route("names")->targets,
            (std::vector<TypeName>{"example/person", "example/audit"}));
  EXPECT_EQ(kafka.route("other"), nullptr);
  EXPECT_EQ(module.ingresses[1].kind, Ingress::Kind::kinesis);
  EXPECT_EQ(module.ingresses[1].route("clicks")->targets, std::vector<TypeName>{"example/counter"});
  ASSERT_EQ(module.egresses.size(), 2U);
  EXPECT_EQ(module.egresses[0].kind, Egress::Kind::kafka);
  EXPECT_EQ(module.egresses[1].kind, Egress::Kind::kinesis);
  EXPECT_NE(module.egress("example/out"), nullptr);

  EXPECT_EQ(refusal("kind: io.statefun.kafka.v1/ingress\nspec:\n  id: a/b\n  topics: []\n"),
            "module.yaml:4:11: the Kafka ingress needs at least one item in topics");
  EXPECT_EQ(refusal("kind: io.statefun.kafka.v1/ingress\n"
                    "spec:\n"
                    "  id: a/b\n"
                    "  startupPosition: {type: Earliest}\n"
                    "  topics: [{topic: t, valueType: a/v, targets: [a/f]}]\n"),
            "module.yaml:4:27: startupPosition.type 'Earliest' is not one of earliest, latest, "
            "group-offsets, specific-offsets, date");
  EXPECT_EQ(refusal("kind: io.statefun.kafka.v1/egress\nspec:\n  address: kafka:9092\n"),
            "module.yaml:3:3: the Kafka egress has no 'id' (it is required)");
}

TEST(ModuleReader, TheLegacyFormatIsStillRead) {
  const Module module = parse_module(R"(version: "3.0"
module:
  meta:
    type: remote
  spec:
    endpoints:
      - endpoint:
          meta:
            kind: http
          spec:
            functions: example/*
            urlPathTemplate: http://127.0.0.1:8000/statefun
    ingresses:
      - ingress:
          meta:
            type: io.statefun.kafka/ingress
            id: example/names
          spec:
            topics:
              - topic: names
                valueType: example/GreetRequest
                targets: [example/person]
    egresses:
      - egress:
          meta:
            type: io.statefun.kafka/egress
            id: example/greets
          spec:
            address: kafka:9092
)",
                                     "m");
  ASSERT_EQ(module.endpoints.size(), 1U);
  EXPECT_EQ(module.endpoints[0].transport.kind, Transport::Kind::okhttp);  // as endpoints v1
  ASSERT_EQ(module.ingresses.size(), 1U);
  EXPECT_EQ(module.ingresses[0].id.str(), "example/names");
  ASSERT_EQ(module.egresses.size(), 1U);
  EXPECT_EQ(module.egresses[0].id.str(), "example/greets");

  EXPECT_EQ(refusal("version: \"2.0\"\nmodule: {}\n"),
            "module.yaml:1:10: module format version '2.0' is not supported: use the kind/spec "
            "documents of Statefun 3.1+, or version \"3.0\"");
  EXPECT_EQ(refusal("version: \"3.0\"\nmodule:\n  meta: {type: embedded}\n  spec: {}\n"),
            "module.yaml:3:16: module.meta.type 'embedded' is not one of remote");
}

TEST(ModuleReader, TypenamesNeedExactlyTwoParts) {
  EXPECT_EQ(refusal("kind: io.statefun.endpoints.v2/http\n"
                    "spec:\n"
                    "  functions: com.example/fns/greeter\n"
                    "  urlPathTemplate: http://127.0.0.1:8000/statefun\n"),
            "module.yaml:3:14: functions 'com.example/fns/greeter' is not a typename: it must be "
            "namespace/name, with exactly one '/'");
  EXPECT_EQ(refusal("kind: io.statefun.kafka.v1/ingress\n"
                    "spec:\n"
                    "  id: a/b\n"
                    "  topics: [{topic: t, valueType: GreetRequest, targets: [a/f]}]\n"),
            "module.yaml:4:34: valueType 'GreetRequest' is not a typename: it must be "
            "namespace/name, with exactly one '/'");
  EXPECT_EQ(refusal("kind: statefun\nspec: {}\n"),
            "module.yaml:1:7: the kind 'statefun' is not a typename: it must be namespace/name, "
            "with exactly one '/'");
  EXPECT_EQ(refusal("kind: io.statefun.endpoints.v2/http\n"
                    "spec:\n"
                    "  functions: example/*x\n"
                    "  urlPathTemplate: http://127.0.0.1:8000/statefun\n"),
            "module.yaml:3:14: functions 'example/*x': only namespace/name or namespace/* are "
            "supported");
}

TEST(ModuleReader, UnknownKindsAreRefusedNamingTheKnownOnes) {
  const std::string why = refusal("kind: io.statefun.endpoints.v3/http\nspec: {}\n");
  EXPECT_EQ(why.substr(0, 64), "module.yaml:1:7: unknown kind 'io.statefun.endpoints.v3/http' (s");
  EXPECT_NE(why.find("io.statefun.playground.v1/egress"), std::string::npos) << why;
}

TEST(ModuleReader, DuplicateBindingsAreRefused) {
  EXPECT_EQ(refusal(endpoint_with("---\n") + endpoint_with("")),
            "module.yaml:8:3: functions example/* are already bound at module.yaml:3:3");
  EXPECT_EQ(refusal("kind: io.statefun.playground.v1/egress\n"
                    "spec: {topics: [a]}\n"
                    "---\n"
                    "kind: io.statefun.playground.v1/egress\n"
                    "spec: {topics: [b]}\n"),
            "module.yaml:5:7: the egress io.statefun.playground/egress is already bound at "
            "module.yaml:2:7");
  EXPECT_EQ(refusal("kind: io.statefun.kafka.v1/ingress\n"
                    "spec:\n"
                    "  id: a/b\n"
                    "  topics: [{topic: t, valueType: a/v, targets: [a/f]},\n"
                    "           {topic: t, valueType: a/w, targets: [a/g]}]\n"),
            "module.yaml:5:12: topic 't' is listed twice");
}

TEST(ModuleReader, MissingFieldsAreNamedAtTheirSpec) {
  EXPECT_EQ(refusal("kind: io.statefun.endpoints.v2/http\n"
                    "spec:\n"
                    "  functions: example/*\n"),
            "module.yaml:3:3: the endpoint has no 'urlPathTemplate' (it is required)");
  EXPECT_EQ(refusal("kind: io.statefun.endpoints.v2/http\n"),
            "module.yaml:1:1: the document has no 'spec' (it is required)");
  EXPECT_EQ(refusal("spec: {}\n"), "module.yaml:1:1: the document has no 'kind' (it is required)");
  EXPECT_EQ(refusal("kind: io.statefun.playground.v1/egress\nspec: {port: 8091}\n"),
            "module.yaml:2:7: the playground egress has no 'topics' (it is required)");
  EXPECT_EQ(refusal("- a\n- b\n"), "module.yaml:1:1: a module document must be a map, not a list");
  EXPECT_EQ(refusal("kind: io.statefun.endpoints.v2/http\n"
                    "spec:\n"
                    "  functions: example/*\n"
                    "  urlPathTemplate: ftp://127.0.0.1:8000/statefun\n"),
            "module.yaml:4:20: urlPathTemplate 'ftp://127.0.0.1:8000/statefun' must start with "
            "http://, https://, http+unix:// or https+unix://");
}

TEST(ModuleReader, EmptyDocumentsAreSkippedAndPortsDefault) {
  const Module module = parse_module(
      "---\n---\nkind: io.statefun.playground.v1/ingress\nspec: {}\n---\n", "module.yaml");
  ASSERT_EQ(module.ingresses.size(), 1U);
  EXPECT_EQ(module.ingresses[0].port, 8090);
  EXPECT_EQ(refusal("kind: io.statefun.playground.v1/ingress\nspec: {port: 70000}\n"),
            "module.yaml:2:14: port must be between 0 and 65535, not 70000");
  EXPECT_TRUE(parse_module("", "m").endpoints.empty());
}

TEST(ModuleReader, FilesAreReadWithinBounds) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("module_reader_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "module.yaml").string();
  std::ofstream(path) << kGreeterModule;
  EXPECT_EQ(read_module(path).endpoints.size(), 1U);
  std::ofstream(path) << "kind: io.statefun.playground.v1/ingress\nspec: [1]\n";
  try {
    (void)read_module(path);
    ADD_FAILURE() << "a spec that is a list was accepted";
  } catch (const ModuleError& e) {
    EXPECT_EQ(e.what(),
              path +
                  ":2:7: the spec of io.statefun.playground.v1/ingress must be a "
                  "map, not a list");
    EXPECT_EQ(e.where().line, 2);
    EXPECT_EQ(e.reason(),
              "the spec of io.statefun.playground.v1/ingress must be a map, not a list");
  }
  try {
    (void)read_module((dir / "missing.yaml").string());
    ADD_FAILURE() << "a missing file was read";
  } catch (const ModuleError& e) {
    EXPECT_EQ(
        std::string(e.what()),
        (dir / "missing.yaml").string() + ": cannot read the file: No such file or directory");
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace statefun::runtime
