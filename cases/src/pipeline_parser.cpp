// Parsing the cases of a pipeline file: the messages sent into the run and what it must end
// with (docs/testing.md, "Pipeline tests").
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "json_pattern.hpp"
#include "test_file_parser.hpp"

namespace statefun::cases::detail {

namespace {

/// How many times one `send` item may repeat its message: enough for any pipeline test, small
/// enough that a typo cannot fill the memory.
constexpr std::int64_t kMaxRepeat = 100'000;

/// `to` and `type`, or `topic` and `key` (a record: its typename comes from the module).
void read_destination(MapReader& r, const TypeAliases& types, PipelineInput& input) {
  const SourceNode* topic = r.optional("topic");
  if (topic == nullptr) {
    input.target = read_address(r.required("to"), "to");
    input.argument = read_input_value(r, types);
    return;
  }
  for (const char* key : {"to", "type"}) {
    if (r.optional(key) != nullptr) {
      fail(r.node(),
           std::string("a record on a topic goes where the module's ingress routes it, with the "
                       "topic's valueType: it takes no '") +
               key + "'");
    }
  }
  input.topic = read_string(*topic, "topic");
  input.key = read_string(r.required("key"), "key");
  // the record's bytes; the typename is the topic's valueType, known once the module is read
  input.argument = read_value_of_type(r, "sft/record");
  input.argument.type_name.clear();
}

void read_input(const SourceNode& item, const TypeAliases& types, std::vector<PipelineInput>& out) {
  MapReader r(item, "a message to send");
  PipelineInput input;
  input.where = item.where;
  read_destination(r, types, input);
  std::int64_t repeat = 1;
  if (const SourceNode* node = r.optional("repeat")) {
    repeat = read_integer(*node, "repeat");
    if (repeat < 1 || repeat > kMaxRepeat) {
      fail(*node, "repeat must be from 1 to " + std::to_string(kMaxRepeat));
    }
  }
  if (const SourceNode* node = r.optional("at")) {
    input.at = read_duration(*node, "at");
  }
  r.finish();
  for (std::int64_t i = 0; i < repeat; ++i) {
    out.push_back(input);
  }
}

std::vector<PipelineInput> read_inputs(const SourceNode& send, const TypeAliases& types) {
  if (send.is_sequence() && send.items.empty()) {
    fail(send, "send needs at least one message");
  }
  std::vector<PipelineInput> inputs;
  for (const SourceNode& item : send.is_sequence() ? send.items : std::vector<SourceNode>{send}) {
    read_input(item, types, inputs);
  }
  return inputs;
}

RecordPattern read_record(const SourceNode& node, const TypeAliases& types) {
  MapReader r(node, "an expected egress record");
  RecordPattern record;
  record.where = node.where;
  if (const SourceNode* egress = r.optional("egress")) {
    record.egress = read_type_name(*egress, "egress");
  }
  if (const SourceNode* key = r.optional("key")) {
    record.key = read_string(*key, "key");
  }
  record.value = read_value_pattern(r, types);
  r.finish();
  return record;
}

std::vector<TopicPattern> read_topics(const SourceNode& node, const TypeAliases& types) {
  if (!node.is_map()) {
    fail(node,
         "egress must map each topic to its expected records ({} for none), not " + describe(node));
  }
  MapReader topics(node, "egress");
  std::vector<TopicPattern> out;
  for (const auto& [topic, records] : node.entries) {
    topics.optional(topic.text);
    if (!records.is_sequence()) {
      fail(records,
           "topic '" + topic.text + "' must be a list of records ([] for none), not " +
               describe(records));
    }
    TopicPattern pattern{topic.text, {}, topic.where};
    for (const SourceNode& record : records.items) {
      pattern.records.push_back(read_record(record, types));
    }
    out.push_back(std::move(pattern));
  }
  return out;
}

std::vector<AddressStatePattern> read_address_states(const SourceNode& node,
                                                     const TypeAliases& types) {
  if (!node.is_map()) {
    fail(node,
         "state must map each address (namespace/type/id) to its states, not " + describe(node));
  }
  MapReader addresses(node, "state");
  std::vector<AddressStatePattern> out;
  for (const auto& [address, states] : node.entries) {
    addresses.optional(address.text);
    AddressStatePattern pattern{read_address(address, "a state's address"), {}, address.where};
    if (!states.is_null()) {  // `example/greeter/Bob:` alone: no state expected
      if (!states.is_map()) {
        fail(states,
             "the states of " + address.text +
                 " must be a map of name -> {type, value} or "
                 "deleted, not " +
                 describe(states));
      }
      pattern.states = read_state_patterns(states, types, false);
    }
    out.push_back(std::move(pattern));
  }
  return out;
}

PipelineExpectations read_pipeline_expectations(const SourceNode& node, const TypeAliases& types) {
  MapReader r(node, "expect");
  PipelineExpectations e;
  e.where = node.where;
  if (const SourceNode* failure = r.optional("failure")) {
    e.failure = to_json(*failure);
    if (const std::string reason = invalid_regex(*e.failure); !reason.empty()) {
      fail(*failure, reason);
    }
    if (!e.failure->is_string() && !is_regex(*e.failure)) {
      fail(*failure, "failure must be a string or {$regex: ...}, not " + describe(*failure));
    }
  }
  if (const SourceNode* egress = r.optional("egress")) {
    e.egress = read_topics(*egress, types);
  }
  if (const SourceNode* order = r.optional("egress_order")) {
    const std::string mode = read_string(*order, "egress_order");
    if (mode != "in_order" && mode != "any") {
      fail(*order, "egress_order must be 'in_order' or 'any', not " + describe(*order));
    }
    e.egress_in_order = mode == "in_order";
  }
  if (const SourceNode* messages = r.optional("messages")) {
    e.messages = read_effects(*messages, EffectKind::pipeline_message, types);
  }
  if (const SourceNode* state = r.optional("state")) {
    e.state = read_address_states(*state, types);
  }
  if (const SourceNode* nothing_else = r.optional("nothing_else")) {
    e.nothing_else = read_bool(*nothing_else, "nothing_else");
  }
  r.finish();
  return e;
}

}  // namespace

PipelineCase read_pipeline_case(const CaseInstance& instance, const TypeAliases& types) {
  MapReader r(instance.node, "a case");
  r.required("name");
  PipelineCase test_case;
  test_case.id = instance.id;
  test_case.where = instance.node.where;
  read_case_options(r, test_case.skip, test_case.timeout);
  for (const char* key : {"target", "steps", "state"}) {
    if (const SourceNode* misplaced = r.optional(key)) {
      fail(*misplaced,
           std::string("a pipeline case has no '") + key +
               "': it sends messages with 'to' addresses and expects what the whole run did");
    }
  }
  test_case.send = read_inputs(r.required("send"), types);
  if (const SourceNode* expect = r.optional("expect")) {
    test_case.expect = read_pipeline_expectations(*expect, types);
  } else {
    test_case.expect.where = instance.node.where;
  }
  r.finish();
  return test_case;
}

}  // namespace statefun::cases::detail
