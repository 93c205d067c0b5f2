#include <chrono>
#include <cstdint>
#include <future>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <statefun/load/engine.hpp>
#include <statefun/server.hpp>

#include "greeter.hpp"
#include "loopback_server.hpp"

namespace statefun::load {
namespace {

/// A server on 127.0.0.1 port 0, started in the background, stopped at the end of the test.
struct TestServer {
  explicit TestServer(RequestHandler handler)
      : server(std::move(handler), test::loopback_server_options()) {
    server.start();
  }

  TestServer() : server(greeter_handler(), test::loopback_server_options()) { server.start(); }

  static RequestReplyHandler greeter_handler() {
    StatefulFunctions functions;
    greeter::bind_functions(functions);
    return RequestReplyHandler(std::move(functions));
  }

  std::string url() const {
    return "http://127.0.0.1:" + std::to_string(server.port()) + "/statefun";
  }

  Server server;
};

RequestKind greet_kind() {
  RequestKind kind;
  kind.name = "greet";
  kind.function_type = "example/greeter";
  kind.id = Template("{{choice Ann Bob}}");
  kind.arguments.push_back(
      {"example/GreetRequest", Template(R"({"name":"Ann","visits":{{randint 1 3}}})"), true});
  return kind;
}

LoadConfig closed(const std::string& url, unsigned users, std::uint64_t requests) {
  LoadConfig config;
  config.url = url;
  config.users = users;
  config.requests = requests;
  config.threads = 2;
  config.seed = 1;
  return config;
}

const FailureRecord* failure_of(const LoadResult& result, FailureKind kind) {
  for (const auto& f : result.failures) {
    if (f.kind == kind) {
      return &f;
    }
  }
  return nullptr;
}

TEST(Engine, ClosedModelSendsExactlyTheRequestedCountAndValidatesEveryAnswer) {
  TestServer greeter;
  const LoadResult result = run_load(closed(greeter.url(), 4, 500), {greet_kind()});
  ASSERT_EQ(result.kinds.size(), 1U);
  EXPECT_EQ(result.kinds[0].requests, 500U);
  EXPECT_EQ(result.kinds[0].failures, 0U);
  EXPECT_EQ(result.kinds[0].latency.count(), 500U);
  EXPECT_GT(result.kinds[0].content_bytes, 500U * 50);
  EXPECT_TRUE(result.failures.empty());
  EXPECT_EQ(result.model, "closed");
}

TEST(Engine, RequestsThatCannotBeEncodedFailOneByOneWithoutRecursing) {
  RequestKind broken = greet_kind();
  broken.arguments = {{"io.statefun.types/int", Template("not a number"), true}};
  // Nothing listens there and nothing is sent: every request fails before it is written.
  LoadConfig config = closed("http://127.0.0.1:1/statefun", 1, 200'000);
  config.threads = 1;
  const LoadResult result = run_load(config, {broken});
  EXPECT_EQ(result.kinds[0].requests, 200'000U);
  EXPECT_EQ(result.kinds[0].failures, 200'000U);
  const FailureRecord* failure = failure_of(result, FailureKind::transport);
  ASSERT_NE(failure, nullptr);
  EXPECT_EQ(failure->count, 200'000U);
  EXPECT_THAT(failure->example, testing::HasSubstr("cannot encode the request"));
}

TEST(Engine, WeightedKindsShareTheRequests) {
  TestServer greeter;
  RequestKind heavy = greet_kind();
  heavy.name = "heavy";
  heavy.weight = 3;
  const LoadResult result = run_load(closed(greeter.url(), 2, 2000), {greet_kind(), heavy});
  ASSERT_EQ(result.kinds.size(), 2U);
  EXPECT_EQ(result.kinds[0].requests + result.kinds[1].requests, 2000U);
  EXPECT_NEAR(static_cast<double>(result.kinds[1].requests) / 2000, 0.75, 0.05);
}

TEST(Engine, OpenModelSendsExactlyItsRateInSimulatedTime) {
  TestServer greeter;
  LoadConfig config;
  config.url = greeter.url();
  config.rate = 400;
  config.connections = 4;
  config.duration = std::chrono::seconds(1);
  config.simulated_clock = std::make_shared<ManualClock>();
  const auto start = config.simulated_clock->now();
  const LoadResult result = run_load(config, {greet_kind()});
  EXPECT_EQ(result.model, "open");
  EXPECT_EQ(result.kinds[0].requests, 400U);
  EXPECT_EQ(result.kinds[0].failures, 0U);
  EXPECT_DOUBLE_EQ(result.duration_s, 1.0);
  ASSERT_EQ(result.timeline.size(), 1U);
  EXPECT_EQ(result.timeline[0].total_requests, 400U);
  EXPECT_GE(config.simulated_clock->now() - start, std::chrono::seconds(1));
}

TEST(Engine, ClosedModelRampsUsersAndWaitsExactlyInSimulatedTime) {
  TestServer greeter;
  LoadConfig config;
  config.url = greeter.url();
  config.users = 10;
  config.spawn_rate = 5;  // user i joins at the first 100 ms poll after (i - 1) / 5 s
  config.wait_min = config.wait_max = std::chrono::milliseconds(100);
  config.duration = std::chrono::seconds(2);
  config.simulated_clock = std::make_shared<ManualClock>();
  const LoadResult result = run_load(config, {greet_kind()});
  // Users start at 0, 0.1, 0.3, 0.5, ... 1.7 s and send every 100 ms until 2 s: 20 + 19 + 17 +
  // 15 + 13 + 11 + 9 + 7 + 5 + 3 requests.
  EXPECT_EQ(result.kinds[0].requests, 119U);
  EXPECT_EQ(result.kinds[0].failures, 0U);
  EXPECT_DOUBLE_EQ(result.duration_s, 2.0);
}

TEST(Engine, CountsErrorStatusesWithAnExample) {
  TestServer failing([](std::string_view) -> std::string { throw std::runtime_error("boom"); });
  const LoadResult result = run_load(closed(failing.url(), 2, 20), {greet_kind()});
  EXPECT_EQ(result.kinds[0].requests, 20U);
  EXPECT_EQ(result.kinds[0].failures, 20U);
  const FailureRecord* status = failure_of(result, FailureKind::status);
  ASSERT_NE(status, nullptr);
  EXPECT_EQ(status->count, 20U);
  EXPECT_TRUE(status->example.starts_with("HTTP 500 (expected 200)")) << status->example;
}

TEST(Engine, CountsUndecodableAnswers) {
  TestServer garbage([](std::string_view) { return std::string("\xff\xff\xff not protobuf"); });
  const LoadResult result = run_load(closed(garbage.url(), 1, 10), {greet_kind()});
  const FailureRecord* decode = failure_of(result, FailureKind::decode);
  ASSERT_NE(decode, nullptr);
  EXPECT_EQ(decode->count, 10U);
}

TEST(Engine, AnAnswerOverTheSizeLimitFailsThatRequest) {
  TestServer large([](std::string_view) { return std::string(4096, 'x'); });
  LoadConfig config = closed(large.url(), 1, 5);
  config.max_answer_bytes = 1024;
  const LoadResult result = run_load(config, {greet_kind()});
  EXPECT_EQ(result.kinds[0].requests, 5U);
  const FailureRecord* transport = failure_of(result, FailureKind::transport);
  ASSERT_NE(transport, nullptr);
  EXPECT_EQ(transport->count, 5U);
  EXPECT_EQ(failure_of(result, FailureKind::decode), nullptr);  // never read as a FromFunction
}

TEST(Engine, CountsAnswersThatMissTheExpectation) {
  TestServer greeter;
  RequestKind kind = greet_kind();
  kind.expect.response = nlohmann::json::parse(
      R"({"invocation_result":{"outgoing_egresses":[{"argument":{"value":{"topic":"elsewhere"}}}]}})");
  const LoadResult result = run_load(closed(greeter.url(), 1, 5), {kind});
  const FailureRecord* expectation = failure_of(result, FailureKind::expectation);
  ASSERT_NE(expectation, nullptr);
  EXPECT_EQ(expectation->count, 5U);
  EXPECT_NE(expectation->example.find("topic"), std::string::npos) << expectation->example;
}

TEST(Engine, CountsRefusedConnections) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor closed_port(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  const auto port = closed_port.local_endpoint().port();
  closed_port.close();
  const LoadResult result =
      run_load(closed("http://127.0.0.1:" + std::to_string(port) + "/", 1, 3), {greet_kind()});
  const FailureRecord* connect = failure_of(result, FailureKind::connect);
  ASSERT_NE(connect, nullptr);
  EXPECT_EQ(connect->count, 3U);
  EXPECT_NE(connect->example.find("refused"), std::string::npos) << connect->example;
}

TEST(Engine, TimesOutAnAnswerLaterThanTheTimeout) {
  auto clock = std::make_shared<ManualClock>();
  std::promise<void> release;
  const std::shared_future<void> released = release.get_future().share();
  TestServer slow([&](std::string_view) {
    clock->advance(std::chrono::milliseconds(60));  // the answer takes 60 ms of the run's time
    released.wait();
    return std::string();
  });
  LoadConfig config = closed(slow.url(), 1, 1);
  config.timeout = std::chrono::milliseconds(50);
  config.simulated_clock = clock;
  const LoadResult result = run_load(config, {greet_kind()});
  release.set_value();
  const FailureRecord* timeout = failure_of(result, FailureKind::timeout);
  ASSERT_NE(timeout, nullptr);
  EXPECT_EQ(timeout->count, 1U);
  EXPECT_EQ(result.kinds[0].requests, 1U);
  EXPECT_EQ(result.kinds[0].latency.max(), 60'000U);  // measured in the run's time
}

TEST(Engine, DoesNotTimeOutAnAnswerWithinTheTimeout) {
  auto clock = std::make_shared<ManualClock>();
  TestServer slow([&](std::string_view) {
    clock->advance(std::chrono::milliseconds(50));  // exactly the timeout: not over it
    return std::string();
  });
  LoadConfig config = closed(slow.url(), 1, 1);
  config.timeout = std::chrono::milliseconds(50);
  config.simulated_clock = clock;
  const LoadResult result = run_load(config, {greet_kind()});
  EXPECT_EQ(result.kinds[0].failures, 0U);
  EXPECT_EQ(result.kinds[0].latency.max(), 50'000U);
}

TEST(Engine, RefusesUnusableConfigurations) {
  LoadConfig config;
  config.url = "http://127.0.0.1:1/";
  config.users = 1;
  EXPECT_THROW(run_load(config, {greet_kind()}), std::invalid_argument);  // unbounded
  config.requests = 1;
  EXPECT_THROW(run_load(config, {}), std::invalid_argument);
  config.url = "ftp://x";
  EXPECT_THROW(run_load(config, {greet_kind()}), std::invalid_argument);
}

}  // namespace
}  // namespace statefun::load
