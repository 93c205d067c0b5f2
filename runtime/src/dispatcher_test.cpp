// The runtime's semantics (PROTOCOL.md section 3) against scripted functions: each test reads
// the requests the dispatcher sends and answers them by hand, on a ManualClock.
#include "dispatcher.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include <statefun/egress.hpp>
#include <statefun/types.hpp>

namespace statefun::runtime::detail {
namespace {

using protocol::Request;
using protocol::Response;
using std::chrono::milliseconds;

constexpr const char* kModule = R"(kind: io.statefun.endpoints.v2/http
spec:
  functions: example/*
  urlPathTemplate: http://127.0.0.1:8000/{function.name}
  maxNumBatchRequests: 3
---
kind: io.statefun.playground.v1/egress
spec:
  topics: [greetings]
---
kind: io.statefun.kafka.v1/egress
spec:
  id: example/out
)";

TypedValue text(const std::string& s) {
  return {"io.statefun.types/string", true, s};
}

TypedValue number(std::int32_t n) {
  return {std::string(int_type().type_name().str()), true, int_type().serialize(n)};
}

Response result() {
  Response response;
  response.kind = Response::Kind::invocation_result;
  return response;
}

/// A dispatcher on a manual clock, whose calls the test answers.
struct Harness {
  explicit Harness(const char* module_text = kModule,
                   std::size_t max_in_flight = Dispatcher::kDefaultMaxInFlight)
      : module(parse_module(module_text, "module.yaml")),
        dispatcher(module, clock, nullptr, max_in_flight) {}

  /// Sends `type` its first request (to the id "first") and answers it, so that the runtime no
  /// longer waits on that type.
  void load(const std::string& type) {
    dispatcher.ingest(Address(TypeName(type), "first"), text("load"), "test");
    dispatcher.on_answer(call().first.id, result());
  }

  /// The calls sent since the last look, decoded.
  std::vector<std::pair<Call, Request>> calls() {
    std::vector<std::pair<Call, Request>> out;
    std::vector<Call> taken;
    dispatcher.take_calls(taken);
    for (Call& call : taken) {
      Request request = protocol::decode_request(call.body);
      out.emplace_back(std::move(call), std::move(request));
    }
    return out;
  }

  /// The one call sent since the last look.
  std::pair<Call, Request> call() {
    auto all = calls();
    EXPECT_EQ(all.size(), 1U);
    if (all.empty()) {
      throw std::runtime_error("no call was sent");
    }
    return std::move(all.front());
  }

  /// Sends Bob a message, answers that the function needs `visits` of `type` and returns the
  /// call that sends the same invocation again with the state attached.
  Call registered(const std::string& type) {
    dispatcher.ingest(Address("example/person", "Bob"),
                      TypedValue{"io.statefun.types/string", true, "1"},
                      "test");
    const Call first = call().first;
    Response ask;
    ask.kind = Response::Kind::incomplete_invocation_context;
    ask.missing_values.push_back({"visits", type, Expiration::Mode::none, 0});
    dispatcher.on_answer(first.id, ask);
    return call().first;
  }

  ManualClock clock;
  Module module;
  Dispatcher dispatcher;
};

Response asks_for(const std::string& name, const std::string& type, Expiration expiration = {}) {
  Response response;
  response.kind = Response::Kind::incomplete_invocation_context;
  response.missing_values.push_back(
      {name, type, expiration.mode, static_cast<std::int64_t>(expiration.duration.count())});
  return response;
}

Response writes(const std::string& name, TypedValue value) {
  Response response = result();
  response.mutations.push_back({protocol::StateMutation::Kind::modify, name, std::move(value)});
  return response;
}

protocol::SentDelayedMessage delayed(std::int64_t ms,
                                     const Address& target,
                                     TypedValue argument,
                                     std::string token = "") {
  protocol::SentDelayedMessage message;
  message.delay_ms = ms;
  message.target = target;
  message.argument = std::move(argument);
  message.cancellation_token = std::move(token);
  return message;
}

protocol::SentDelayedMessage cancellation(std::string token) {
  protocol::SentDelayedMessage message;
  message.cancellation_token = std::move(token);
  message.is_cancellation = true;
  return message;
}

std::string failure_of(const std::function<void()>& step) {
  try {
    step();
  } catch (const JobFailure& e) {
    return e.what();
  }
  return "no failure";
}

const Address kBob("example/person", "Bob");

TEST(Dispatcher, OneRequestIsInFlightPerAddressAndTheBacklogIsTheNextBatch) {
  Harness h;
  h.load("example/person");
  h.dispatcher.ingest(kBob, text("1"), "test");
  auto [first, request] = h.call();
  EXPECT_EQ(first.url, "http://127.0.0.1:8000/person");
  EXPECT_EQ(request.target, kBob);
  ASSERT_EQ(request.invocations.size(), 1U);
  EXPECT_FALSE(request.invocations[0].caller.has_value());  // from an ingress

  h.dispatcher.ingest(kBob, text("2"), "test");
  h.dispatcher.ingest(kBob, text("3"), "test");
  h.dispatcher.ingest(Address("example/person", "Alice"), text("a"), "test");
  auto others = h.calls();
  ASSERT_EQ(others.size(), 1U);  // Alice's; Bob's two wait
  EXPECT_EQ(others[0].second.target.id, "Alice");
  EXPECT_TRUE(h.dispatcher.busy());

  h.dispatcher.on_answer(first.id, result());
  auto [second, batch] = h.call();
  ASSERT_EQ(batch.invocations.size(), 2U);
  EXPECT_EQ(batch.invocations[0].argument, text("2"));
  EXPECT_EQ(batch.invocations[1].argument, text("3"));

  h.dispatcher.on_answer(second.id, result());
  h.dispatcher.on_answer(others[0].first.id, result());
  EXPECT_TRUE(h.calls().empty());
  EXPECT_FALSE(h.dispatcher.busy());
}

TEST(Dispatcher, MissingStateIsRegisteredAndTheSameInvocationsSentAgain) {
  Harness h;
  h.dispatcher.ingest(kBob, text("1"), "test");
  auto [first, request] = h.call();
  EXPECT_TRUE(request.state.empty());
  h.dispatcher.ingest(kBob, text("2"), "test");  // waits: the address stays in flight

  h.dispatcher.on_answer(first.id, asks_for("visits", "io.statefun.types/int"));
  auto [again, retried] = h.call();
  EXPECT_EQ(retried.invocations, request.invocations);
  ASSERT_EQ(retried.state.size(), 1U);
  EXPECT_EQ(retried.state[0].name, "visits");
  EXPECT_FALSE(retried.state[0].value.has_value());  // registered, no value yet

  h.dispatcher.on_answer(again.id, writes("visits", number(1)));
  auto [next, batch] = h.call();
  ASSERT_EQ(batch.invocations.size(), 1U);  // the backlog, with the state as written
  ASSERT_EQ(batch.state.size(), 1U);
  EXPECT_EQ(batch.state[0].value, number(1));

  // every id of the type now carries the name
  h.dispatcher.on_answer(next.id, result());
  h.dispatcher.ingest(Address("example/person", "Alice"), text("a"), "test");
  auto [alice, alice_request] = h.call();
  ASSERT_EQ(alice_request.state.size(), 1U);
  EXPECT_EQ(alice_request.state[0].name, "visits");
  EXPECT_FALSE(alice_request.state[0].value.has_value());
}

TEST(Dispatcher, StateTypesAreCheckedAsTheRuntimeChecksThem) {
  Harness h;
  Call call = h.registered("io.statefun.types/int");
  EXPECT_EQ(failure_of([&] { h.dispatcher.on_answer(call.id, writes("visits", text("x"))); }),
            "example/person/Bob: the state 'visits' is registered as io.statefun.types/int and "
            "the function wrote a io.statefun.types/string (the runtime: "
            "RemoteFunctionStateException)");

  Harness undeclared;
  undeclared.dispatcher.ingest(kBob, text("1"), "test");
  call = undeclared.call().first;
  EXPECT_EQ(
      failure_of([&] { undeclared.dispatcher.on_answer(call.id, writes("seen", number(1))); }),
      "example/person/Bob: Accessing a non-existing function state: seen (the function "
      "changed a state it did not declare)");

  Harness redeclared;
  call = redeclared.registered("io.statefun.types/int");
  EXPECT_EQ(failure_of([&] {
              redeclared.dispatcher.on_answer(call.id,
                                              asks_for("visits", "io.statefun.types/long"));
            }),
            "example/person/Bob: the state 'visits' is registered as io.statefun.types/int and "
            "the function now declares it as io.statefun.types/long (the runtime: "
            "RemoteFunctionStateException)");
}

TEST(Dispatcher, ADeletedValueIsSentAsABareName) {
  Harness h;
  const Call call = h.registered("io.statefun.types/int");
  h.dispatcher.on_answer(call.id, writes("visits", number(5)));
  h.dispatcher.ingest(kBob, text("2"), "test");
  auto [second, request] = h.call();
  EXPECT_EQ(request.state[0].value, number(5));
  Response remove = result();
  remove.mutations.push_back({protocol::StateMutation::Kind::remove, "visits", std::nullopt});
  h.dispatcher.on_answer(second.id, remove);
  h.dispatcher.ingest(kBob, text("3"), "test");
  EXPECT_FALSE(h.call().second.state[0].value.has_value());
}

TEST(Dispatcher, MessagesCarryTheirSenderAndAreRoutedAfterTheAnswerIsApplied) {
  Harness h;
  h.load("example/person");
  h.load("example/greeter");
  h.dispatcher.ingest(kBob, text("hi"), "test");
  auto call = h.call().first;
  Response response = result();
  const Address greeter("example/greeter", "Bob");
  response.messages.push_back({greeter, text("greet")});
  response.messages.push_back({kBob, text("to myself")});
  h.dispatcher.on_answer(call.id, response);
  auto sent = h.calls();
  ASSERT_EQ(sent.size(), 2U);
  EXPECT_EQ(sent[0].second.target, greeter);
  EXPECT_EQ(sent[0].first.url, "http://127.0.0.1:8000/greeter");
  EXPECT_EQ(sent[0].second.invocations[0].caller, kBob);
  // the message to itself came after its answer was applied: a new request, not a backlog
  EXPECT_EQ(sent[1].second.target, kBob);
  EXPECT_EQ(sent[1].second.invocations[0].caller, kBob);
  EXPECT_EQ(sent[1].second.invocations[0].argument, text("to myself"));
}

TEST(Dispatcher, AFunctionTypeWithoutAnEndpointFailsTheJob) {
  Harness h;
  EXPECT_EQ(failure_of([&] { h.dispatcher.ingest(Address("other/fn", "x"), text("1"), "t"); }),
            "other/fn/x: no endpoint serves the function type other/fn (the runtime: \"Cannot "
            "find a provider\"); bind it in an io.statefun.endpoints.v2/http document");
  h.dispatcher.ingest(kBob, text("1"), "test");
  auto call = h.call().first;
  Response response = result();
  response.messages.push_back({Address("other/fn", "x"), text("1")});
  EXPECT_EQ(failure_of([&] { h.dispatcher.on_answer(call.id, response); }).substr(0, 50),
            "other/fn/x: no endpoint serves the function type o");
}

TEST(Dispatcher, AMessageToAnAddressWithoutATypenameFailsTheJobAtOnce) {
  Harness h;
  h.dispatcher.ingest(kBob, text("1"), "test");
  const auto call = h.call().first;
  // FromFunction bytes protobuf accepts, with an empty namespace: no typename, no provider.
  wire::FromFunctionView answer;
  answer.kind = wire::FromFunctionView::Kind::invocation_result;
  answer.messages.push_back({{"", "greeter", "Bob", true}, {"example/T", true, "x", true}});
  EXPECT_EQ(failure_of([&] { h.dispatcher.on_answer(call.id, answer, ""); }).substr(0, 68),
            "example/person/Bob: a message to /greeter/Bob, whose function type i");
}

TEST(Dispatcher, AFullBacklogStopsInputUntilTheRequestCompletes) {
  Harness h;  // maxNumBatchRequests: 3
  h.load("example/person");
  h.dispatcher.ingest(kBob, text("0"), "test");
  auto call = h.call().first;
  for (int i = 1; i <= 2; ++i) {
    h.dispatcher.ingest(kBob, text(std::to_string(i)), "test");
    EXPECT_TRUE(h.dispatcher.accepting_input()) << i;
  }
  h.dispatcher.ingest(kBob, text("3"), "test");
  EXPECT_FALSE(h.dispatcher.accepting_input());
  h.dispatcher.on_answer(call.id, result());
  EXPECT_TRUE(h.dispatcher.accepting_input());
  EXPECT_EQ(h.call().second.invocations.size(), 3U);  // the batch is not split
}

TEST(Dispatcher, TheFirstRequestOfATypeHoldsEverythingElseUntilItsAnswer) {
  Harness h;
  h.dispatcher.ingest(kBob, text("1"), "test");
  const Call bob = h.call().first;
  EXPECT_FALSE(h.dispatcher.accepting_input());
  const Address alice("example/person", "Alice");
  h.dispatcher.ingest(alice, text("a"), "test");  // taken anyway: it waits
  EXPECT_TRUE(h.calls().empty());

  // the answer asks for state: Bob's invocation again, then Alice's, which knows the name now
  h.dispatcher.on_answer(bob.id, asks_for("visits", "io.statefun.types/int"));
  EXPECT_TRUE(h.dispatcher.accepting_input());
  auto sent = h.calls();
  ASSERT_EQ(sent.size(), 2U);
  EXPECT_EQ(sent[0].second.target, kBob);
  EXPECT_EQ(sent[1].second.target, alice);
  ASSERT_EQ(sent[1].second.state.size(), 1U);
  EXPECT_EQ(sent[1].second.state[0].name, "visits");

  // Bob messages the greeter, whose first request then holds Alice's answer and its message
  Response greet = result();
  const Address greeter_bob("example/greeter", "Bob");
  greet.messages.push_back({greeter_bob, text("hi")});
  h.dispatcher.on_answer(sent[0].first.id, greet);
  const auto [greeter_first, greeter_first_request] = h.call();
  EXPECT_EQ(greeter_first_request.target, greeter_bob);
  greet.messages[0].target = Address("example/greeter", "Alice");
  h.dispatcher.on_answer(sent[1].first.id, greet);
  EXPECT_TRUE(h.calls().empty());
  EXPECT_TRUE(h.dispatcher.busy());

  h.dispatcher.on_answer(greeter_first.id, result());
  const auto [greeter_alice, greeter_alice_request] = h.call();
  EXPECT_EQ(greeter_alice_request.target.id, "Alice");
  EXPECT_EQ(greeter_alice_request.invocations[0].caller, alice);
  h.dispatcher.on_answer(greeter_alice.id, result());
  EXPECT_FALSE(h.dispatcher.busy());
}

TEST(Dispatcher, InputStopsWhileTheTaskHasItsMostRequestsInFlight) {
  Harness h(kModule, 2);
  h.load("example/person");
  h.load("example/greeter");
  h.dispatcher.ingest(kBob, text("1"), "test");
  EXPECT_TRUE(h.dispatcher.accepting_input());
  h.dispatcher.ingest(Address("example/person", "Alice"), text("a"), "test");
  EXPECT_FALSE(h.dispatcher.accepting_input());
  auto sent = h.calls();
  ASSERT_EQ(sent.size(), 2U);

  // messages between functions still go beyond the cap
  Response greet = result();
  greet.messages.push_back({Address("example/greeter", "Bob"), text("hi")});
  h.dispatcher.on_answer(sent[0].first.id, greet);
  const Call greeter = h.call().first;
  EXPECT_FALSE(h.dispatcher.accepting_input());
  h.dispatcher.on_answer(greeter.id, result());
  EXPECT_TRUE(h.dispatcher.accepting_input());
}

TEST(Dispatcher, ValuesExpireAfterWriteOrAfterTheLastCall) {
  Harness h;
  h.dispatcher.ingest(kBob, text("1"), "test");
  auto call = h.call().first;
  Response ask =
      asks_for("written", "io.statefun.types/int", Expiration::after_write(milliseconds(100)));
  ask.missing_values.push_back(
      {"called", "io.statefun.types/int", Expiration::Mode::after_call, 100});
  h.dispatcher.on_answer(call.id, ask);
  call = h.call().first;
  Response both = writes("written", number(1));
  both.mutations.push_back({protocol::StateMutation::Kind::modify, "called", number(2)});
  h.dispatcher.on_answer(call.id, both);

  h.clock.advance(milliseconds(60));
  h.dispatcher.ingest(kBob, text("2"), "test");  // reads both: "called" restarts its timer
  auto [second, at_60] = h.call();
  EXPECT_TRUE(at_60.state[0].value.has_value());
  EXPECT_TRUE(at_60.state[1].value.has_value());
  h.dispatcher.on_answer(second.id, result());

  h.clock.advance(milliseconds(40));  // 100 ms after the write, 40 after the last call
  h.dispatcher.ingest(kBob, text("3"), "test");
  auto [third, at_100] = h.call();
  EXPECT_FALSE(at_100.state[0].value.has_value()) << "expired 100 ms after its write";
  EXPECT_TRUE(at_100.state[1].value.has_value());
  h.dispatcher.on_answer(third.id, result());

  h.clock.advance(milliseconds(100));
  h.dispatcher.ingest(kBob, text("4"), "test");
  EXPECT_FALSE(h.call().second.state[1].value.has_value()) << "expired 100 ms after a call";
}

TEST(Dispatcher, DelayedMessagesFireWithTheirSenderAsCaller) {
  Harness h;
  h.dispatcher.ingest(kBob, text("1"), "test");
  auto call = h.call().first;
  Response response = result();
  const Address greeter("example/greeter", "Bob");
  response.delayed.push_back(delayed(200, greeter, text("later")));
  response.delayed.push_back(delayed(100, greeter, text("sooner"), "t"));
  h.dispatcher.on_answer(call.id, response);
  EXPECT_TRUE(h.calls().empty());
  EXPECT_EQ(h.dispatcher.next_due(), h.clock.now() + milliseconds(100));

  h.clock.advance(milliseconds(99));
  h.dispatcher.fire_due();
  EXPECT_TRUE(h.calls().empty());
  h.clock.advance(milliseconds(1));
  h.dispatcher.fire_due();
  auto [fired, request] = h.call();
  EXPECT_EQ(request.target, greeter);
  EXPECT_EQ(request.invocations[0].caller, kBob);
  EXPECT_EQ(request.invocations[0].argument, text("sooner"));
  EXPECT_EQ(h.dispatcher.delayed().size(), 1U);
}

TEST(Dispatcher, CancellationTokensAreTheSendersOwn) {
  Harness h;
  h.dispatcher.ingest(kBob, text("1"), "test");
  auto call = h.call().first;
  const Address greeter("example/greeter", "Bob");
  Response send = result();
  send.delayed.push_back(delayed(100, greeter, text("x"), "t"));
  h.dispatcher.on_answer(call.id, send);

  // another sender cannot cancel it, and an unknown token is a no-op
  h.dispatcher.ingest(Address("example/person", "Alice"), text("1"), "test");
  call = h.call().first;
  Response foreign = result();
  foreign.delayed.push_back(cancellation("t"));
  foreign.delayed.push_back(cancellation("unknown"));
  h.dispatcher.on_answer(call.id, foreign);
  EXPECT_EQ(h.dispatcher.delayed().size(), 1U);

  // the same token again, while pending, fails the job
  h.dispatcher.ingest(kBob, text("2"), "test");
  call = h.call().first;
  EXPECT_EQ(failure_of([&] { h.dispatcher.on_answer(call.id, send); }),
            "example/person/Bob: a delayed message with the cancellation token 't', which a "
            "pending message of this address already has");

  Harness cancelling;
  cancelling.dispatcher.ingest(kBob, text("1"), "test");
  call = cancelling.call().first;
  cancelling.dispatcher.on_answer(call.id, send);
  cancelling.dispatcher.ingest(kBob, text("2"), "test");
  call = cancelling.call().first;
  Response cancel = result();
  cancel.delayed.push_back(cancellation("t"));
  cancelling.dispatcher.on_answer(call.id, cancel);
  EXPECT_EQ(cancelling.dispatcher.delayed().size(), 0U);
  cancelling.clock.advance(milliseconds(500));
  cancelling.dispatcher.fire_due();
  EXPECT_TRUE(cancelling.calls().empty());
  // once cancelled (or delivered), the token may be used again
  cancelling.dispatcher.ingest(kBob, text("3"), "test");
  call = cancelling.call().first;
  cancelling.dispatcher.on_answer(call.id, send);
  EXPECT_EQ(cancelling.dispatcher.delayed().size(), 1U);
}

TEST(Dispatcher, BadDelayedMessagesFailTheJob) {
  for (const protocol::SentDelayedMessage& bad :
       {cancellation(""), delayed(-1, Address("example/greeter", "x"), text("x"))}) {
    Harness h;
    h.dispatcher.ingest(kBob, text("1"), "test");
    auto call = h.call().first;
    Response response = result();
    response.delayed.push_back(bad);
    EXPECT_NE(failure_of([&] { h.dispatcher.on_answer(call.id, response); }), "no failure");
  }
}

TEST(Dispatcher, EgressRecordsAreReadAsTheirEgressReadsThem) {
  Harness h;
  h.dispatcher.ingest(kBob, text("1"), "test");
  auto call = h.call().first;
  Response response = result();
  response.egress.push_back({"io.statefun.playground/egress",
                             {"io.statefun.playground/EgressRecord",
                              true,
                              R"({"topic":"greetings","payload":"Hello Bob"})"}});
  const EgressMessage kafka = KafkaEgressBuilder("example/out")
                                  .with_topic("names")
                                  .with_key("Bob")
                                  .with_value("hi")
                                  .build();
  response.egress.push_back({kafka.egress.str(), kafka.value});
  h.dispatcher.on_answer(call.id, response);
  std::vector<EgressRecord> records;
  h.dispatcher.take_egress(records);
  ASSERT_EQ(records.size(), 2U);
  EXPECT_EQ(records[0].topic, "greetings");
  EXPECT_EQ(records[0].value, "Hello Bob");
  EXPECT_EQ(records[1].kind, Egress::Kind::kafka);
  EXPECT_EQ(records[1].topic, "names");
  EXPECT_EQ(records[1].key, "Bob");
  EXPECT_EQ(records[1].value, "hi");

  for (const auto& [egress, why] : std::vector<std::pair<protocol::SentEgress, std::string>>{
           {{"io.statefun.playground/egress",
             {"io.statefun.playground/EgressRecord", true, R"({"topic":"other","payload":"x"})"}},
            "the egress io.statefun.playground/egress refused a record: the playground egress "
            "has no topic 'other' (its topics are listed in module.yaml:9:3)"},
           {{"example/missing", text("x")},
            "the egress example/missing is not declared in the module (declare it with an "
            "egress kind, e.g. io.statefun.playground.v1/egress)"}}) {
    Harness failing;
    failing.dispatcher.ingest(kBob, text("1"), "test");
    call = failing.call().first;
    Response bad = result();
    bad.egress.push_back(egress);
    EXPECT_EQ(failure_of([&] { failing.dispatcher.on_answer(call.id, bad); }),
              "example/person/Bob: " + why);
  }
}

}  // namespace
}  // namespace statefun::runtime::detail
