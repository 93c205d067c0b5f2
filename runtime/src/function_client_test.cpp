// The runtime's HTTP transport against canned HTTP answers on 127.0.0.1.
#include "function_client.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "scripted_server.hpp"

namespace statefun::runtime::detail {
namespace {

using test::ScriptedServer;

struct Outcomes : FunctionClient::Listener {
  void on_answer(std::uint64_t id,
                 const wire::FromFunctionView& /*answer*/,
                 std::string_view bytes) override {
    answered = id;
    response = protocol::decode_response(bytes);
  }

  void on_retry(std::uint64_t /*id*/, const std::string& why) override { retries.push_back(why); }

  void on_failure(std::uint64_t id, const std::string& why) override {
    failed = id;
    failure = why;
  }

  std::optional<std::uint64_t> answered;
  std::optional<protocol::Response> response;
  std::vector<std::string> retries;
  std::optional<std::uint64_t> failed;
  std::string failure;
};

std::string from_function_bytes() {
  protocol::Response response;
  response.kind = protocol::Response::Kind::invocation_result;
  response.messages.push_back(
      {Address("example/greeter", "Bob"), {"io.statefun.types/string", true, "hi"}});
  return protocol::encode_response(response);
}

std::string ok() {
  return ScriptedServer::reply(200, "application/octet-stream", from_function_bytes());
}

/// Calls the server once through a FunctionClient with `transport`; runs until it ends.
Outcomes call(std::uint16_t port, const Transport& transport) {
  boost::asio::io_context io;
  Outcomes outcomes;
  Endpoint endpoint;
  endpoint.transport = transport;
  FunctionClient client(io, outcomes);
  const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/statefun";
  client.send(Call{7, &endpoint, url, "body"});
  io.run();
  return outcomes;
}

Transport async_with_budget(std::chrono::milliseconds budget) {
  Transport transport = Transport::defaults(Transport::Kind::async);
  transport.call = budget;
  return transport;
}

TEST(FunctionClient, AnOctetStreamAnswerIsDecoded) {
  ScriptedServer server({ok()});
  const Outcomes outcomes = call(server.port(), Transport::defaults(Transport::Kind::async));
  ASSERT_EQ(outcomes.answered, 7U) << outcomes.failure;
  ASSERT_EQ(outcomes.response->messages.size(), 1U);
  EXPECT_EQ(outcomes.response->messages[0].argument.value, "hi");
  EXPECT_TRUE(outcomes.retries.empty());
}

TEST(FunctionClient, TheAsyncTransportRetriesAnyFailureOnANewConnection) {
  ScriptedServer server({ScriptedServer::reply(503, "text/plain", "overloaded"),
                         ScriptedServer::reply(200, "text/plain; charset=utf-8", "x"),
                         ScriptedServer::reply(404, "text/plain", "no"),
                         ok()});
  const Outcomes outcomes = call(server.port(), Transport::defaults(Transport::Kind::async));
  ASSERT_EQ(outcomes.answered, 7U) << outcomes.failure;
  ASSERT_EQ(outcomes.retries.size(), 3U);
  EXPECT_EQ(outcomes.retries[0], "HTTP 503: overloaded; attempt 2 in 4 ms");
  EXPECT_EQ(outcomes.retries[1],
            "the answer's Content-Type is text/plain; charset=utf-8, not "
            "application/octet-stream; attempt 3 in 8 ms");
  EXPECT_EQ(outcomes.retries[2], "HTTP 404: no; attempt 4 in 16 ms");
  EXPECT_EQ(server.connections(), 4);  // a failed attempt closes its connection
}

TEST(FunctionClient, OkHttpFailsAtOnceOnAClientError) {
  ScriptedServer server({ScriptedServer::reply(404, "text/plain", "no such function"), ok()});
  const Outcomes outcomes = call(server.port(), Transport::defaults(Transport::Kind::okhttp));
  EXPECT_FALSE(outcomes.answered.has_value());
  ASSERT_EQ(outcomes.failed, 7U);
  EXPECT_EQ(outcomes.failure,
            "HTTP 404: no such function (1 attempt): the OkHttp transport does not retry this");
}

TEST(FunctionClient, AnAnswerThatIsNotAFromFunctionIsAFailedAttempt) {
  ScriptedServer server(
      {ScriptedServer::reply(200, "application/octet-stream", std::string("\xff\xff\xff", 3)),
       ok()});
  const Outcomes outcomes = call(server.port(), Transport::defaults(Transport::Kind::async));
  ASSERT_EQ(outcomes.answered, 7U) << outcomes.failure;
  ASSERT_EQ(outcomes.retries.size(), 1U);
  EXPECT_EQ(outcomes.retries[0].substr(0, 35), "the answer is not a FromFunction: t");
}

TEST(FunctionClient, TheCallFailsWhenItsBudgetIsSpent) {
  boost::asio::io_context unused;
  boost::asio::ip::tcp::acceptor closed(unused, {boost::asio::ip::make_address("127.0.0.1"), 0});
  const std::uint16_t port = closed.local_endpoint().port();
  closed.close();  // nothing listens there now: every attempt is refused
  const Outcomes outcomes = call(port, async_with_budget(std::chrono::milliseconds(30)));
  ASSERT_EQ(outcomes.failed, 7U);
  EXPECT_GE(outcomes.retries.size(), 1U);  // how many fit in 30 ms depends on the machine
  EXPECT_NE(outcomes.failure.find("cannot connect"), std::string::npos) << outcomes.failure;
  EXPECT_NE(outcomes.failure.find(": the call budget of 30 ms is spent"), std::string::npos)
      << outcomes.failure;
}

TEST(FunctionClient, AnAttemptWithoutAnAnswerInTimeIsAbortedAndRetried) {
  ScriptedServer server({""});  // reads the first request and never answers
  Transport transport = Transport::defaults(Transport::Kind::okhttp);
  transport.read = std::chrono::milliseconds(40);
  transport.call = std::chrono::milliseconds(120);
  const Outcomes outcomes = call(server.port(), transport);
  ASSERT_EQ(outcomes.failed, 7U);
  ASSERT_GE(outcomes.retries.size(), 1U);
  EXPECT_EQ(outcomes.retries[0].substr(0, 38), "no answer within the attempt's timeout");
  EXPECT_NE(outcomes.failure.find(": the call budget of 120 ms is spent"), std::string::npos)
      << outcomes.failure;
}

TEST(FunctionClient, ACallWaitingForAPooledConnectionTimesOutOnItsOwnDeadline) {
  ScriptedServer server({""});  // holds the pool's only connection: no answer
  Endpoint slow;                // the first call's: one connection, 300 ms per attempt
  slow.transport = Transport::defaults(Transport::Kind::okhttp);
  slow.transport.pool_size = 1;
  slow.transport.read = std::chrono::milliseconds(300);
  slow.transport.call = std::chrono::milliseconds(300);
  Endpoint quick;  // the second call's: a budget of 60 ms, spent waiting for the connection
  quick.transport = async_with_budget(std::chrono::milliseconds(60));

  struct Failures : FunctionClient::Listener {
    void on_answer(std::uint64_t /*id*/,
                   const wire::FromFunctionView& /*answer*/,
                   std::string_view /*bytes*/) override {}

    void on_retry(std::uint64_t /*id*/, const std::string& /*why*/) override {}

    void on_failure(std::uint64_t id, const std::string& why) override {
      failed.emplace_back(id, why);
    }

    std::vector<std::pair<std::uint64_t, std::string>> failed;
  } failures;

  boost::asio::io_context io;
  FunctionClient client(io, failures);
  const std::string url = "http://127.0.0.1:" + std::to_string(server.port()) + "/statefun";
  client.send(Call{1, &slow, url, "first"});
  client.send(Call{2, &quick, url, "second"});
  EXPECT_EQ(client.in_flight(), 2U);
  io.run();

  ASSERT_EQ(failures.failed.size(), 2U);
  EXPECT_EQ(failures.failed[0].first, 2U);  // long before the first call's 300 ms
  EXPECT_NE(failures.failed[0].second.find(
                "no connection of the pool became free within the attempt's timeout"),
            std::string::npos)
      << failures.failed[0].second;
  EXPECT_EQ(failures.failed[1].first, 1U);
  EXPECT_NE(failures.failed[1].second.find("no answer within the attempt's timeout"),
            std::string::npos)
      << failures.failed[1].second;
  EXPECT_EQ(client.in_flight(), 0U);
}

TEST(FunctionClient, CallsThatWaitedForTheConnectionLeaveNoTimerBehind) {
  ScriptedServer server({ok(), ok()});
  Endpoint endpoint;
  endpoint.transport = Transport::defaults(Transport::Kind::async);  // a budget of a minute
  endpoint.transport.pool_size = 1;
  Outcomes outcomes;
  boost::asio::io_context io;
  FunctionClient client(io, outcomes);
  const std::string url = "http://127.0.0.1:" + std::to_string(server.port()) + "/statefun";
  client.send(Call{1, &endpoint, url, "first"});
  client.send(Call{2, &endpoint, url, "second"});  // waits for the one connection
  io.run_for(std::chrono::seconds(30));
  EXPECT_TRUE(io.stopped()) << "a deadline timer still keeps the loop busy";
  EXPECT_EQ(outcomes.answered, 2U) << outcomes.failure;
  EXPECT_EQ(server.connections(), 1);
}

TEST(FunctionClient, OnlyHttpUrlsAreSupportedForNow) {
  EXPECT_FALSE(FunctionClient::unsupported("http://127.0.0.1:8000/statefun"));
  EXPECT_EQ(FunctionClient::unsupported("https://fn:8000/"),
            "TLS endpoints (https://fn:8000/) are not supported by sft run yet");
  EXPECT_EQ(FunctionClient::unsupported("http+unix:///tmp/x.sock/statefun"),
            "Unix-socket endpoints (http+unix:///tmp/x.sock/statefun) are not supported by sft "
            "run yet");
}

}  // namespace
}  // namespace statefun::runtime::detail
