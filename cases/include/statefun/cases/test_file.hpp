// Test files for `sft test`: declarative component tests of a function service, written in YAML
// (or JSON), parsed into cases ready to run. docs/testing.md describes the format.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <statefun/address.hpp>
#include <statefun/protocol/request.hpp>
#include <statefun/typed_value.hpp>
#include <statefun/value_spec.hpp>

namespace statefun::cases {

/// Where something was written in a test file: 1-based line and column.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;

  /// "file:line:column", or "file" when the line is unknown.
  std::string str() const;
};

/// A test file that cannot be used: what() is "file:line:column: message".
class TestFileError : public std::runtime_error {
 public:
  TestFileError(SourceLocation where, const std::string& message)
      : std::runtime_error(where.str() + ": " + message), where_(std::move(where)) {}

  const SourceLocation& where() const noexcept { return where_; }

 private:
  SourceLocation where_;
};

/// An expected value: its typename and one of a decoded value, the raw bytes as text, or the
/// raw bytes as base64. Strings anywhere in `value` and `text` may be {"$regex": "..."}.
struct ValuePattern {
  std::optional<std::string> type_name;
  std::optional<nlohmann::json> value;  ///< compared with the decoded value
  std::optional<nlohmann::json> text;   ///< a string or {"$regex"}: the bytes as UTF-8
  std::optional<std::string> base64;    ///< the bytes, base64-encoded
  bool subset = false;                  ///< `match: subset`: objects may hold more keys
};

/// An expected outgoing message, delayed message or egress record. `to` is the target address
/// (messages) or the egress "namespace/type" (egress records).
struct EffectPattern {
  std::optional<std::string> to;
  ValuePattern value;
  std::optional<std::chrono::milliseconds> delay;  ///< delayed messages only
  std::optional<std::string> token;                ///< delayed: its cancellation token
  std::optional<std::string> cancel;               ///< delayed: a cancellation of this token
  std::optional<std::string> from;                 ///< pipeline messages: the sender
  SourceLocation where;
};

/// An expected change of one state: written with a value, deleted, or left alone.
struct StatePattern {
  enum class Kind { modify, remove, unchanged };
  std::string name;
  Kind kind = Kind::modify;
  ValuePattern value;  ///< modify only
  SourceLocation where;
};

/// An expected entry of a missing-state answer.
struct MissingStatePattern {
  std::string name;
  std::optional<std::string> type_name;
  std::optional<Expiration::Mode> expire_mode;
  std::chrono::milliseconds expire_after{0};
  SourceLocation where;
};

/// What one request must answer. Lists left unset are not checked; an empty list means "none".
struct Expectations {
  int status = 200;
  std::optional<nlohmann::json> body;  ///< non-200 answers: a string or {"$regex"}
  std::optional<std::vector<EffectPattern>> messages;
  std::optional<std::vector<EffectPattern>> delayed;
  std::optional<std::vector<EffectPattern>> egress;
  std::optional<std::vector<StatePattern>> state;
  std::optional<std::vector<MissingStatePattern>> missing_state;
  bool nothing_else = false;  ///< no effect beyond those listed
  SourceLocation where;
};

/// One request of a case: a batch of invocations sent to `target`, and what it must answer.
struct TestStep {
  std::string name;  ///< optional label, shown in failures
  Address target;
  std::vector<protocol::Invocation> invocations;
  Expectations expect;
  SourceLocation where;
};

/// One test: initial state for the first step's target, then one or more steps that share the
/// state kept by a runtime-like Session.
struct TestCase {
  std::string id;  ///< "name", or "name[visits=3]" for a parameter row
  std::vector<protocol::StateEntry> state;
  std::vector<TestStep> steps;
  std::optional<std::string> skip;  ///< the reason, when the case is skipped
  std::optional<std::chrono::milliseconds> timeout;
  SourceLocation where;
};

/// A message a pipeline case sends into the pipeline, as an ingress would.
/// A message a pipeline case sends: to an address (`to:`), or a record on a Kafka topic or
/// Kinesis stream (`topic:` and `key:`), which the run routes as the module's ingress reading
/// that topic routes it (the key as the id, the topic's valueType as the typename).
struct PipelineInput {
  Address target{"sft/unset", ""};   ///< `to:`; unused for a record
  std::optional<std::string> topic;  ///< a record's topic or stream
  std::string key;                   ///< a record's key (Kafka) or partition key (Kinesis)
  TypedValue argument;               ///< a record's typename is empty until it is routed
  SourceLocation where;
  /// `at: 1m`: taken this long after the run starts, on the run's clock (in simulated time,
  /// once everything before it has settled).
  std::optional<std::chrono::milliseconds> at{};
};

/// An expected egress record of a pipeline: the record as its egress delivers it (the
/// playground's payload, a Kafka or Kinesis record's value bytes), matched by the same value
/// patterns as effects: `value` against the bytes parsed as JSON, `text`, `base64`; `type`
/// against the typename the function sent.
struct RecordPattern {
  std::optional<std::string> egress;  ///< "namespace/type" of the egress, when given
  std::optional<std::string> key;     ///< a Kafka key or Kinesis partition key
  ValuePattern value;
  SourceLocation where;
};

/// The records expected on one topic (playground or Kafka topic, Kinesis stream).
struct TopicPattern {
  std::string topic;
  std::vector<RecordPattern> records;
  SourceLocation where;
};

/// The state one address must hold at the end: each named state's value, or `deleted`
/// (absent). `unchanged` has no meaning here.
struct AddressStatePattern {
  Address address;
  std::vector<StatePattern> states;
  SourceLocation where;
};

/// What a pipeline run must end with. Lists left unset are not checked unless `nothing_else`.
struct PipelineExpectations {
  /// The run must stop as a Flink job fails, with this reason (a string or {"$regex"}).
  std::optional<nlohmann::json> failure;
  std::optional<std::vector<TopicPattern>> egress;
  /// Each topic's records in the order listed (the default), or in any order.
  bool egress_in_order = true;
  /// Messages from function to function (`to`, `from`, the value), in any order.
  std::optional<std::vector<EffectPattern>> messages;
  std::optional<std::vector<AddressStatePattern>> state;
  /// Nothing beyond what is listed: no other egress record, message, address with state or
  /// state of a listed address.
  bool nothing_else = false;
  SourceLocation where;
};

/// One pipeline test: messages sent into a fresh run of the file's module, which runs until
/// idle (delays and TTLs in simulated time unless the file says `clock: real`), and what it
/// must end with.
struct PipelineCase {
  std::string id;
  std::vector<PipelineInput> send;
  PipelineExpectations expect;
  std::optional<std::string> skip;
  std::optional<std::chrono::milliseconds> timeout;
  SourceLocation where;
};

/// A parsed test file: component cases against one `url`, or, when it names a `module`,
/// pipeline cases run through the local runtime (statefun::runtime) over the module's endpoints.
struct TestFile {
  std::string path;
  std::optional<std::string> url;
  SourceLocation url_where;
  std::optional<std::chrono::milliseconds> timeout;  ///< the default per-case timeout
  std::vector<TestCase> cases;
  /// The module.yaml of a pipeline file, as written (relative to the test file's folder).
  std::optional<std::string> module;
  SourceLocation module_where;
  bool real_time = false;  ///< `clock: real`: delays and TTLs follow the wall clock
  std::vector<PipelineCase> pipeline_cases;
};

/// Parses a test file's text; `path` names it in errors. Throws TestFileError.
///
/// Example:
///   TestFile file = parse_test_file(yaml_text, "greeter.test.yaml");
TestFile parse_test_file(std::string_view text, const std::string& path);

/// Reads and parses a test file. Throws TestFileError (also when it cannot be read).
TestFile load_test_file(const std::string& path);

}  // namespace statefun::cases
