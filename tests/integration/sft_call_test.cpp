// sft call against the real greeter (and against nothing at all).

#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <statefun/protocol/json_form.hpp>
#include <statefun/protocol/response.hpp>

#include "greeter_suite.hpp"

namespace statefun {
namespace {

using nlohmann::json;
using testing::HasSubstr;

class SftCall : public test::GreeterSuite {
 protected:
  static test::RunResult sft(std::vector<std::string> args) {
    args.insert(args.begin(), url());
    return GreeterSuite::sft("call", std::move(args));
  }
};

TEST_F(SftCall, TheReferenceCallPrintsTheGreeting) {
  const auto result = sft({"example/greeter/George",
                           "--type",
                           "example/GreetRequest",
                           "--json",
                           R"({"name":"George","visits":3})"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const json answer = json::parse(result.out);
  const json& egress = answer["invocation_result"]["outgoing_egresses"];
  ASSERT_EQ(egress.size(), 1U);
  EXPECT_EQ(egress[0]["egress"], "io.statefun.playground/egress");
  EXPECT_EQ(egress[0]["argument"]["typename"], "io.statefun.playground/EgressRecord");
  EXPECT_EQ(egress[0]["argument"]["value"],
            json({{"topic", "greetings"}, {"payload", "Third time is the charm George"}}));
}

TEST_F(SftCall, PersonWithoutStateAsksForVisits) {
  const auto result = sft({"example/person/George",
                           "--type",
                           "example/GreetRequest",
                           "--json",
                           R"({"name":"George"})"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto response = protocol::response_from_json(json::parse(result.out));
  ASSERT_EQ(response.missing_values.size(), 1U);
  EXPECT_EQ(response.missing_values[0],
            (protocol::MissingValue{"visits", "io.statefun.types/int", Expiration::Mode::none, 0}));
}

TEST_F(SftCall, PersonWithVisitsTwoCountsThree) {
  const auto result = sft({"example/person/George",
                           "--type",
                           "example/GreetRequest",
                           "--json",
                           R"({"name":"George"})",
                           "--state",
                           "visits:int=2"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto response = protocol::response_from_json(json::parse(result.out));
  ASSERT_EQ(response.mutations.size(), 1U);
  EXPECT_EQ(protocol::to_json(*response.mutations[0].value)["value"], 3);
  ASSERT_EQ(response.messages.size(), 1U);
  EXPECT_EQ(response.messages[0].target.str(), "example/greeter/George");
  EXPECT_EQ(protocol::to_json(response.messages[0].argument)["value"],
            json({{"name", "George"}, {"visits", 3}}));
}

TEST_F(SftCall, ResolveStateDoesTheMissingStateRoundTrip) {
  const auto result = sft({"example/person/George",
                           "--type",
                           "example/GreetRequest",
                           "--json",
                           R"({"name":"George"})",
                           "--resolve-state",
                           "-o",
                           "text"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("state    visits = io.statefun.types/int 1"));
  EXPECT_THAT(result.out,
              HasSubstr("message  -> example/greeter/George  example/GreetRequest "
                        "{\"name\":\"George\",\"visits\":1}"));
}

TEST_F(SftCall, BatchesRunInOrder) {
  const auto result = sft({"example/greeter/Ann",
                           "--type",
                           "example/GreetRequest",
                           "--json",
                           R"({"name":"Ann","visits":1})",
                           "--json",
                           R"({"name":"Ann","visits":2})",
                           "-o",
                           "text"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_LT(result.out.find("Welcome Ann"), result.out.find("Nice to see you again Ann"));
}

TEST_F(SftCall, AnErrorStatusPrintsStatusAndBodyAndExitsOne) {
  const auto result = sft({"example/nobody/x", "--int", "1"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("error[status]: HTTP 500"));
  EXPECT_THAT(result.err, HasSubstr("unknown function type example/nobody"));
  EXPECT_EQ(json::parse(result.out)["error"]["status"], 500);
}

TEST_F(SftCall, ARejectedArgumentIs422WithTheReason) {
  const auto result = sft(
      {"example/greeter/George", "--type", "example/GreetRequest", "--json", R"({"visits":3})"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("HTTP 422"));
  EXPECT_THAT(result.err, HasSubstr("\"name\" must be a string"));
}

TEST_F(SftCall, BinaryOutputIsTheRawAnswer) {
  const auto result = sft({"example/greeter/George",
                           "--type",
                           "example/GreetRequest",
                           "--json",
                           R"({"name":"George","visits":1})",
                           "-o",
                           "binary"});
  ASSERT_EQ(result.exit_code, 0);
  const auto response = protocol::decode_response(result.out);
  ASSERT_EQ(response.egress.size(), 1U);
  EXPECT_EQ(protocol::to_json(response.egress[0].argument)["value"]["payload"], "Welcome George");
}

TEST(SftCallErrors, AnUnreachableTargetExitsThree) {
  const auto result = test::run(
      {SFT_BINARY, "call", "http://127.0.0.1:1/statefun", "example/greeter/x", "--int", "1"});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_THAT(result.err,
              HasSubstr("error[connect]: cannot connect to http://127.0.0.1:1/statefun"));
}

TEST(SftCallErrors, BadFlagsExitTwoWithOneLine) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{
            "call", "http://127.0.0.1:1/x", "example/greeter/x", "--json", "{}"},
        std::vector<std::string>{"call", "ftp://x", "example/greeter/x", "--int", "1"},
        std::vector<std::string>{"call", "http://127.0.0.1:1/x", "bad-address", "--int", "1"},
        std::vector<std::string>{
            "call", "http://127.0.0.1:1/x", "example/greeter/x", "--int", "1", "--timeout", "soon"},
        std::vector<std::string>{"call", "--no-such-flag"}}) {
    std::vector<std::string> argv{SFT_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    const auto result = test::run(argv);
    EXPECT_EQ(result.exit_code, 2) << args.back() << ": " << result.err;
    EXPECT_FALSE(result.err.empty());
  }
}

TEST(SftHelp, EveryCommandHasHelp) {
  for (const char* command : {"call", "decode", "encode"}) {
    const auto result = test::run({SFT_BINARY, command, "--help"});
    EXPECT_EQ(result.exit_code, 0) << command;
    EXPECT_THAT(result.out, HasSubstr("Usage:")) << command;
  }
  EXPECT_EQ(test::run({SFT_BINARY}).exit_code, 2);
}

}  // namespace
}  // namespace statefun
