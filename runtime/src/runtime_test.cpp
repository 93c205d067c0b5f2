// Whole pipelines through the local runtime: the C++ greeter's person and greeter functions
// served by the SDK's server on 127.0.0.1, called over HTTP as a Statefun cluster calls them.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <statefun/egress.hpp>
#include <statefun/handler.hpp>
#include <statefun/message.hpp>
#include <statefun/runtime/runtime.hpp>
#include <statefun/server.hpp>
#include <statefun/types.hpp>

#include "greeter.hpp"
#include "http_exchange.hpp"
#include "loopback_server.hpp"

namespace statefun::runtime {
namespace {

/// The greeter's functions on 127.0.0.1, port 0, for the test's duration.
struct GreeterService {
  GreeterService() : server(handler(), test::loopback_server_options()) { server.start(); }

  static RequestReplyHandler handler() {
    StatefulFunctions functions;
    greeter::bind_functions(functions);
    return RequestReplyHandler(std::move(functions));
  }

  /// The playground greeter's module, its endpoint this server.
  std::string module() const {
    return "kind: io.statefun.endpoints.v2/http\n"
           "spec:\n"
           "  functions: example/*\n"
           "  urlPathTemplate: http://127.0.0.1:" +
           std::to_string(server.port()) +
           "/statefun\n"
           "---\n"
           "kind: io.statefun.playground.v1/egress\n"
           "spec:\n"
           "  topics: [greetings]\n";
  }

  Server server;
};

IngressMessage visit(const std::string& name) {
  return {Address("example/person", name),
          TypedValue{"example/GreetRequest", true, R"({"name":")" + name + R"("})"}};
}

std::vector<std::string> payloads(const RunResult& result) {
  std::vector<std::string> out;
  for (const EgressRecord& record : result.egress) {
    out.push_back(record.topic + ": " + record.value);
  }
  return out;
}

TEST(Runtime, BobVisitsThreeTimes) {
  GreeterService service;
  Runtime runtime(parse_module(service.module(), "module.yaml"), RunOptions{});
  for (int i = 0; i < 3; ++i) {
    runtime.send(visit("Bob"));
  }
  const RunResult result = runtime.run();
  ASSERT_EQ(result.end, RunResult::End::idle) << result.failure;
  EXPECT_EQ(payloads(result),
            (std::vector<std::string>{"greetings: Welcome Bob",
                                      "greetings: Nice to see you again Bob",
                                      "greetings: Third time is the charm Bob"}));
  EXPECT_EQ(result.ingress_messages, 3U);
  EXPECT_EQ(result.messages.at("example/person"), 3U);
  EXPECT_EQ(result.messages.at("example/greeter"), 3U);
  EXPECT_EQ(result.egress_per_topic.at("io.statefun.playground/egress/greetings"), 3U);
  // person/Bob: the first visit, sent again with the state it asked for, then the other two
  // as one batch (greeter/Bob's batches depend on which answer comes first)
  EXPECT_EQ(result.requests.at("example/person"), 3U);
  // person/Bob holds visits = 3; greeter/Bob holds nothing
  bool found = false;
  for (const AddressState& state : result.state) {
    if (state.address == Address("example/person", "Bob")) {
      found = true;
      ASSERT_EQ(state.values.size(), 1U);
      EXPECT_EQ(state.values[0].first, "visits");
      EXPECT_EQ(state.values[0].second.value, int_type().serialize(3));
      EXPECT_FALSE(state.in_flight);
    }
  }
  EXPECT_TRUE(found);
}

TEST(Runtime, AMessageToAnUndeclaredEgressStopsTheRunWithItsReason) {
  GreeterService service;
  // the module lacks the playground egress the greeter writes to
  const std::string module = service.module().substr(0, service.module().find("---"));
  Runtime runtime(parse_module(module, "module.yaml"), RunOptions{});
  runtime.send(visit("Ann"));
  const RunResult result = runtime.run();
  ASSERT_EQ(result.end, RunResult::End::failed);
  EXPECT_EQ(result.failure,
            "example/greeter/Ann: the egress io.statefun.playground/egress is not declared in the "
            "module (declare it with an egress kind, e.g. io.statefun.playground.v1/egress)");
  ASSERT_EQ(result.in_flight.size(), 1U);
  EXPECT_EQ(result.in_flight[0],
            "example/greeter/Ann: 1 invocation(s) in flight, 0 in its backlog");
}

/// example/reminder: "set" schedules "ring" in an hour and "late" in two (token "late"); "ring"
/// cancels "late" and writes "rang" to the Kafka egress example/out, topic rings.
struct ReminderService {
  ReminderService() : server(handler(), test::loopback_server_options()) { server.start(); }

  static void remind(Context& context, const Message& message) {
    const std::string what = message.as_string();
    if (what == "set") {
      context.send_after(std::chrono::hours(1),
                         MessageBuilder(context.self()).with_value(std::string("ring")).build());
      context.send_after(std::chrono::hours(2),
                         MessageBuilder(context.self()).with_value(std::string("late")).build(),
                         "late");
    } else if (what == "ring") {
      context.cancel_delayed_message("late");
      context.send_egress(
          KafkaEgressBuilder("example/out").with_topic("rings").with_value("rang").build());
    } else {
      context.send_egress(
          KafkaEgressBuilder("example/out").with_topic("rings").with_value(what).build());
    }
  }

  static RequestReplyHandler handler() {
    StatefulFunctions functions;
    functions.bind("example/reminder", {}, remind);
    return RequestReplyHandler(std::move(functions));
  }

  std::string module() const {
    return "kind: io.statefun.endpoints.v2/http\n"
           "spec:\n"
           "  functions: example/reminder\n"
           "  urlPathTemplate: http://127.0.0.1:" +
           std::to_string(server.port()) +
           "/statefun\n"
           "---\n"
           "kind: io.statefun.kafka.v1/egress\n"
           "spec:\n"
           "  id: example/out\n";
  }

  Server server;
};

TEST(Runtime, SimulatedTimeRunsAnHourOfDelaysAtOnce) {
  ReminderService service;
  Runtime runtime(parse_module(service.module(), "module.yaml"),
                  RunOptions{.time = RunOptions::Time::simulated});
  runtime.send(
      {Address("example/reminder", "r"),
       TypedValue{
           std::string(string_type().type_name().str()), true, string_type().serialize("set")}});
  const RunResult result = runtime.run();
  ASSERT_EQ(result.end, RunResult::End::idle) << result.failure;
  ASSERT_EQ(result.egress.size(), 1U);  // "late" was cancelled before it was due
  EXPECT_EQ(result.egress[0].kind, Egress::Kind::kafka);
  EXPECT_EQ(result.egress[0].topic, "rings");
  EXPECT_EQ(result.egress[0].value, "rang");
  EXPECT_EQ(result.pending_delayed, 0U);
}

/// The times at which each ingress message was taken, by target.
class IngressTimes : public TraceObserver {
 public:
  void on_event(const TraceEvent& event) override {
    if (event.kind == TraceEvent::Kind::ingress) {
      taken.emplace_back(event.to->str(), event.time);
    }
  }

  std::vector<std::pair<std::string, Clock::duration>> taken;
};

TEST(Runtime, AMessageSentForLaterComesOnceWhatWasSentBeforeItHasSettled) {
  GreeterService service;
  IngressTimes times;
  Runtime runtime(parse_module(service.module(), "module.yaml"),
                  RunOptions{.time = RunOptions::Time::simulated, .observer = &times});
  IngressMessage later = visit("Alice");
  later.at = std::chrono::hours(1);
  runtime.send(later);  // sent first, due in an hour
  runtime.send(visit("Bob"));
  runtime.send(visit("Bob"));
  const RunResult result = runtime.run();
  ASSERT_EQ(result.end, RunResult::End::idle) << result.failure;
  EXPECT_EQ(payloads(result),
            (std::vector<std::string>{"greetings: Welcome Bob",
                                      "greetings: Nice to see you again Bob",
                                      "greetings: Welcome Alice"}));
  ASSERT_EQ(times.taken.size(), 3U);
  EXPECT_EQ(times.taken[2].first, "example/person/Alice");
  EXPECT_EQ(times.taken[2].second, std::chrono::hours(1));  // the simulated clock jumped to it
  EXPECT_EQ(result.ingress_messages, 3U);
}

TEST(Runtime, AStopEndsARunThatWouldWaitForAnHour) {
  ReminderService service;
  Runtime runtime(parse_module(service.module(), "module.yaml"), RunOptions{});
  runtime.send(
      {Address("example/reminder", "r"),
       TypedValue{
           std::string(string_type().type_name().str()), true, string_type().serialize("set")}});
  std::thread stopper([&runtime] { runtime.stop(); });  // at any time: before or during run()
  const RunResult result = runtime.run();
  stopper.join();
  EXPECT_EQ(result.end, RunResult::End::interrupted);
  EXPECT_TRUE(result.egress.empty());
}

TEST(Runtime, EndpointsItCannotCallAreRefusedAtTheStart) {
  try {
    Runtime runtime(parse_module("kind: io.statefun.endpoints.v2/http\n"
                                 "spec:\n"
                                 "  functions: example/*\n"
                                 "  urlPathTemplate: https://fn:8443/statefun\n",
                                 "module.yaml"),
                    RunOptions{});
    ADD_FAILURE() << "an https endpoint was accepted";
  } catch (const ModuleError& e) {
    EXPECT_STREQ(e.what(),
                 "module.yaml:3:3: TLS endpoints (https://fn:8443/statefun) are not supported by "
                 "sft run yet");
  }
}

/// A run serving the playground's HTTP ingress and egress on free ports, on its own thread.
class ServedRun {
 public:
  explicit ServedRun(const std::string& module, RunOptions options = {}) {
    options.http = {.serve = true, .ingress_port = 0, .egress_port = 0, .admin_port = 0};
    options.on_egress = [this](const EgressRecord& /*record*/) {
      const std::lock_guard lock(mutex_);
      ++records_;
      changed_.notify_all();
    };
    runtime_.emplace(parse_module(module, "module.yaml"), std::move(options));
    thread_ = std::thread([this] { result_ = runtime_->run(); });
  }

  ~ServedRun() { stop(); }

  ServedRun(const ServedRun&) = delete;
  ServedRun& operator=(const ServedRun&) = delete;

  test::HttpAnswer ingress(const std::string& target,
                           const std::string& content_type,
                           const std::string& body) {
    return test::http_exchange(*runtime_->ingress_port(),
                               test::http_request("PUT", target, content_type, body));
  }

  test::HttpAnswer admin(const std::string& target) {
    return test::http_exchange(*runtime_->admin_port(), test::http_request("GET", target));
  }

  test::HttpAnswer egress(const std::string& topic) {
    return test::http_exchange(*runtime_->egress_port(), test::http_request("GET", "/" + topic));
  }

  /// Waits until `n` egress records were produced (at most a minute, then fails).
  void wait_for_records(int n) {
    std::unique_lock lock(mutex_);
    ASSERT_TRUE(changed_.wait_for(lock, std::chrono::minutes(1), [&] { return records_ >= n; }))
        << records_ << " of " << n << " records";
  }

  /// Ends the run; returns what it did.
  const RunResult& stop() {
    if (thread_.joinable()) {
      runtime_->stop();
      thread_.join();
    }
    return result_;
  }

  /// Waits for a run that ends by itself.
  const RunResult& wait() {
    if (thread_.joinable()) {
      thread_.join();
    }
    return result_;
  }

 private:
  std::optional<Runtime> runtime_;
  std::thread thread_;
  RunResult result_;
  std::mutex mutex_;
  std::condition_variable changed_;
  int records_ = 0;
};

constexpr const char* kPlaygroundIngress =
    "---\n"
    "kind: io.statefun.playground.v1/ingress\n"
    "spec:\n"
    "  port: 8090\n";

TEST(Runtime, ThePlaygroundHttpIngressAndEgressRunTheGreeterAsThePlaygroundDoes) {
  GreeterService service;
  ServedRun run(service.module() + kPlaygroundIngress);
  for (int i = 0; i < 3; ++i) {
    const test::HttpAnswer taken = run.ingress(
        "/example/person/Bob", "application/vnd.example/GreetRequest", R"({"name":"Bob"})");
    EXPECT_EQ(taken.status, 200);
    EXPECT_EQ(taken.body, "");
  }
  run.wait_for_records(3);
  EXPECT_EQ(run.egress("greetings").body, "Welcome Bob");
  EXPECT_EQ(run.egress("greetings").body, "Nice to see you again Bob");
  const test::HttpAnswer third = run.egress("greetings");
  EXPECT_EQ(third.status, 200);
  EXPECT_EQ(third.body, "Third time is the charm Bob");
  EXPECT_EQ(third.head.find("Content-Type"), std::string::npos) << third.head;
  EXPECT_EQ(run.egress("greetings").body, "") << "one pop per request, then nothing";
  EXPECT_EQ(run.egress("other").status, 404);
  const test::HttpAnswer bob = run.admin("/state/example/person/Bob");
  EXPECT_EQ(bob.status, 200);
  EXPECT_NE(bob.head.find("Content-Type: application/json\r\n"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(bob.body),
            nlohmann::json::parse(
                R"({"address": "example/person/Bob", "backlog": 0, "in_flight": false,
                    "state": {"visits": {"typename": "io.statefun.types/int", "value": 3}},
                    "delayed": []})"));
  const RunResult& result = run.stop();
  EXPECT_EQ(result.end, RunResult::End::interrupted) << "a served ingress keeps the run going";
  EXPECT_EQ(result.ingress_messages, 3U);
  EXPECT_EQ(result.egress.size(), 3U);
}

TEST(Runtime, TheHttpIngressRefusesWhatNoEndpointServesInsteadOfFailingTheRun) {
  GreeterService service;
  ServedRun run(service.module() + kPlaygroundIngress);
  const test::HttpAnswer unbound = run.ingress("/other/person/Bob", "", "x");
  EXPECT_EQ(unbound.status, 404);
  EXPECT_EQ(unbound.body,
            "no endpoint of the module serves other/person (a Flink job would fail on this "
            "message)");
  EXPECT_EQ(run.ingress("/example/person", "", "x").status, 404);
  const RunResult& result = run.stop();
  EXPECT_EQ(result.end, RunResult::End::interrupted);
  EXPECT_EQ(result.ingress_messages, 0U);
}

TEST(Runtime, WithMaxMessagesTheHttpIngressClosesAndTheRunEndsWhenIdle) {
  GreeterService service;
  ServedRun run(service.module() + kPlaygroundIngress, RunOptions{.max_messages = 1});
  EXPECT_EQ(
      run.ingress(
             "/example/person/Ann", "application/vnd.example/GreetRequest", R"({"name":"Ann"})")
          .status,
      200);
  const RunResult& result = run.wait();
  EXPECT_EQ(result.end, RunResult::End::idle);
  ASSERT_EQ(result.egress.size(), 1U);
  EXPECT_EQ(result.egress[0].value, "Welcome Ann");
}

TEST(Runtime, ARunThatStreamsItsEgressKeepsNoRecordButCountsThem) {
  GreeterService service;
  std::vector<std::string> streamed;
  RunOptions options;
  options.keep_egress = false;
  options.on_egress = [&](const EgressRecord& record) { streamed.push_back(record.value); };
  Runtime runtime(parse_module(service.module(), "module.yaml"), std::move(options));
  runtime.send(visit("Ann"));
  runtime.send(visit("Bob"));
  const RunResult result = runtime.run();
  ASSERT_EQ(result.end, RunResult::End::idle) << result.failure;
  EXPECT_TRUE(result.egress.empty());
  EXPECT_EQ(result.egress_per_topic.at("io.statefun.playground/egress/greetings"), 2U);
  std::ranges::sort(streamed);  // the two persons are served at the same time
  EXPECT_EQ(streamed, (std::vector<std::string>{"Welcome Ann", "Welcome Bob"}));
}

TEST(Runtime, TheStateOfEveryAddressComesInTheOrderOfTheAddresses) {
  GreeterService service;
  Runtime runtime(parse_module(service.module(), "module.yaml"), RunOptions{});
  for (const char* name : {"Cy", "Al", "Bo", "Al"}) {
    runtime.send(visit(name));
  }
  const RunResult result = runtime.run();
  ASSERT_EQ(result.end, RunResult::End::idle) << result.failure;
  std::vector<std::string> addresses;
  for (const AddressState& state : result.state) {
    addresses.push_back(state.address.str());
  }
  EXPECT_EQ(addresses,
            (std::vector<std::string>{"example/greeter/Al",
                                      "example/greeter/Bo",
                                      "example/greeter/Cy",
                                      "example/person/Al",
                                      "example/person/Bo",
                                      "example/person/Cy"}));
}

TEST(Runtime, AStateLimitKeepsTheFirstAddressesThatHoldAValueAndCountsThemAll) {
  GreeterService service;
  RunOptions options;
  options.state_limit = 2;
  Runtime runtime(parse_module(service.module(), "module.yaml"), std::move(options));
  for (const char* name : {"Cy", "Al", "Bo", "Al"}) {
    runtime.send(visit(name));
  }
  const RunResult result = runtime.run();
  ASSERT_EQ(result.end, RunResult::End::idle) << result.failure;
  ASSERT_EQ(result.state.size(), 2U);  // the greeters hold nothing: only persons are kept
  EXPECT_EQ(result.state[0].address, Address("example/person", "Al"));
  EXPECT_EQ(result.state[0].values.at(0).second.value, int_type().serialize(2));
  EXPECT_EQ(result.state[1].address, Address("example/person", "Bo"));
  EXPECT_EQ(result.addresses_with_state, 3U);
}

TEST(Runtime, APortInUseIsRefusedAtTheStart) {
  GreeterService service;
  ServedRun first(service.module() + kPlaygroundIngress);
  RunOptions options;
  options.http = {.serve = true, .ingress_port = service.server.port(), .egress_port = 0};
  EXPECT_THROW(Runtime(parse_module(service.module() + kPlaygroundIngress, "module.yaml"), options),
               std::runtime_error);
}

}  // namespace
}  // namespace statefun::runtime
