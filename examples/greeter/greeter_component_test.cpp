// Component tests of the greeter written with the test kit: the real HTTP server on 127.0.0.1,
// port 0, called over HTTP, as the blog post's pytest tests call the Go greeter.

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <statefun/protocol/json_form.hpp>
#include <statefun/server.hpp>
#include <statefun/testkit/http_client.hpp>
#include <statefun/testkit/matchers.hpp>
#include <statefun/testkit/session.hpp>

#include "greeter.hpp"

namespace greeter {
namespace {

using nlohmann::json;
using statefun::Address;
using statefun::protocol::make_typed_value;
using statefun::protocol::RequestBuilder;
using statefun::protocol::Response;
using statefun::testkit::CallError;
using statefun::testkit::CallErrorKind;
using statefun::testkit::HttpClient;
using statefun::testkit::JsonEq;
using statefun::testkit::PlaygroundRecord;
using statefun::testkit::SendsEgress;
using statefun::testkit::SendsMessageTo;
using statefun::testkit::SetsState;
using testing::HasSubstr;

constexpr const char* kEgress = "io.statefun.playground/egress";

class GreeterOverHttp : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    statefun::StatefulFunctions functions;
    bind_functions(functions);
    server_ =
        std::make_unique<statefun::Server>(statefun::RequestReplyHandler(std::move(functions)),
                                           statefun::ServerOptions{.address = "127.0.0.1",
                                                                   .port = 0,
                                                                   .threads = 1,
                                                                   .handle_signals = false,
                                                                   .log = [](std::string_view) {}});
    server_->start();
  }

  static void TearDownTestSuite() {
    server_->stop();
    server_->wait();
    server_.reset();
  }

  static std::string url() {
    return "http://127.0.0.1:" + std::to_string(server_->port()) + "/statefun";
  }

  static statefun::TypedValue greet_request(const json& value) {
    return make_typed_value("example/GreetRequest", value);
  }

  /// The greeter's answer for George with `visits` (GreetRequest {"name", "visits"}).
  Response greet(const json& visits) {
    return client_.call(
        RequestBuilder("example/greeter/George")
            .with_invocation(greet_request({{"name", "George"}, {"visits", visits}}))
            .build());
  }

  /// The CallError a request gets.
  CallError failure_of(const json& request) {
    try {
      client_.call(
          RequestBuilder("example/greeter/George").with_invocation(greet_request(request)).build());
    } catch (const CallError& e) {
      return e;
    }
    ADD_FAILURE() << "accepted " << request.dump();
    return {CallErrorKind::transport, "none"};
  }

  HttpClient client_{url()};

 private:
  static inline std::unique_ptr<statefun::Server> server_;
};

struct Greeting {
  json visits;
  std::string payload;
};

class Greetings : public GreeterOverHttp, public testing::WithParamInterface<Greeting> {};

TEST_P(Greetings, SendsTheGreetingToThePlaygroundEgress) {
  EXPECT_THAT(greet(GetParam().visits),
              SendsEgress(kEgress, PlaygroundRecord("greetings", GetParam().payload)));
}

// The blog post's pytest cases, then every other kind of count.
INSTANTIATE_TEST_SUITE_P(Reference,
                         Greetings,
                         testing::Values(Greeting{1, "Welcome George"},
                                         Greeting{3, "Third time is the charm George"}));
INSTANTIATE_TEST_SUITE_P(EveryCount,
                         Greetings,
                         testing::Values(Greeting{2, "Nice to see you again George"},
                                         Greeting{4, "Nice to see you for the 4-th time George!"},
                                         Greeting{5, "Nice to see you for the 5-th time George!"},
                                         Greeting{11,
                                                  "Nice to see you for the 11-th time George!"}));
// Where the Go greeter answers HTTP 500: counts below 1 are a first visit, large ones are counted.
INSTANTIATE_TEST_SUITE_P(
    EdgeCounts,
    Greetings,
    testing::Values(
        Greeting{-1, "Welcome George"},
        Greeting{0, "Welcome George"},
        Greeting{std::int64_t{1} << 31, "Nice to see you for the 2147483648-th time George!"},
        Greeting{std::int64_t{1} << 40, "Nice to see you for the 1099511627776-th time George!"}));

TEST_F(GreeterOverHttp, OnlyTheEgressRecordIsSent) {
  const Response r = greet(1);
  EXPECT_EQ(r.egress.size(), 1U);
  EXPECT_TRUE(r.messages.empty());
  EXPECT_TRUE(r.mutations.empty());
}

TEST_F(GreeterOverHttp, PersonAndGreeterChainThroughASession) {
  statefun::testkit::Session session(client_);
  const Address george("example/person", "George");
  const std::array<const char*, 3> greetings = {
      "Welcome George", "Nice to see you again George", "Third time is the charm George"};
  for (int visits = 1; visits <= 3; ++visits) {
    const Response person = session.send(george, greet_request({{"name", "George"}}));
    EXPECT_THAT(person, SetsState("visits", statefun::testkit::IntValue(visits)));
    const json sent = {{"name", "George"}, {"visits", visits}};
    ASSERT_THAT(person, SendsMessageTo("example/greeter/George", JsonEq(sent)));
    // Deliver the message as the runtime would, with the person as the caller.
    const Response greeter =
        session.send(person.messages.at(0).target, person.messages.at(0).argument, george);
    EXPECT_THAT(greeter,
                SendsEgress(kEgress, PlaygroundRecord("greetings", greetings[visits - 1])));
  }
  EXPECT_EQ(session.requests_sent(),
            7);  // one missing-state round trip, then 3 x (person, greeter)
}

TEST_F(GreeterOverHttp, ABadGreetRequestIs422WithTheReason) {
  for (const auto& [request, reason] :
       {std::pair<json, std::string>{{{"visits", 3}}, "\"name\" must be a string"},
        {{{"name", 7}}, "\"name\" must be a string"},
        {{{"name", "G"}, {"visits", "3"}}, "\"visits\" must be an integer"},
        {{{"name", "G"}, {"visits", 1.5}}, "\"visits\" must be an integer"}}) {
    const CallError e = failure_of(request);
    EXPECT_EQ(e.kind(), CallErrorKind::status) << request.dump();
    EXPECT_EQ(e.status(), 422) << request.dump();
    EXPECT_THAT(e.body(), HasSubstr(reason)) << request.dump();
  }
}

TEST_F(GreeterOverHttp, NamesKeepEveryCharacter) {
  const Response r =
      client_.call(RequestBuilder("example/greeter/Zoe")
                       .with_invocation(greet_request({{"name", "Zoë <&>\""}, {"visits", 2}}))
                       .build());
  EXPECT_THAT(
      r, SendsEgress(kEgress, PlaygroundRecord("greetings", "Nice to see you again Zoë <&>\"")));
}

}  // namespace
}  // namespace greeter
