// `sft decode` on FromFunction bytes the official JavaScript SDK produced: the decoded JSON
// shows the values the JS greeter meant to send (issue 3: decoding another SDK's answers).

#include <memory>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <statefun/protocol/json_form.hpp>
#include <statefun/protocol/request.hpp>

#include "peers.hpp"

namespace statefun::interop {
namespace {

using nlohmann::json;

class InteropSftDecodeJsAnswer : public testing::Test {
 protected:
  static void SetUpTestSuite() { peer_ = std::make_unique<Peer>(js_greeter_command()); }

  static void TearDownTestSuite() { peer_.reset(); }

  /// Posts `request` to the JS greeter and decodes its raw answer with `sft decode`.
  static json decoded_answer(const protocol::Request& request) {
    const testkit::HttpReply reply = peer_->client.post(protocol::encode_request(request));
    EXPECT_EQ(reply.status, 200);
    const test::RunResult decoded = test::run({STATEFUN_SFT, "decode"}, reply.body);
    EXPECT_EQ(decoded.exit_code, 0) << decoded.err;
    return json::parse(decoded.out);
  }

  static TypedValue greet_request(const json& value) {
    return protocol::make_typed_value("example/GreetRequest", value);
  }

 private:
  static inline std::unique_ptr<Peer> peer_;
};

TEST_F(InteropSftDecodeJsAnswer, AnEgressRecordShowsTopicAndPayload) {
  const json answer =
      decoded_answer(protocol::RequestBuilder("example/greeter/George")
                         .with_invocation(greet_request({{"name", "George"}, {"visits", 3}}))
                         .build());
  const json expected = {
      {"invocation_result",
       {{"outgoing_egresses",
         {{{"egress", "io.statefun.playground/egress"},
           {"argument",
            {{"typename", "io.statefun.playground/EgressRecord"},
             {"value",
              {{"topic", "greetings"}, {"payload", "Third time is a charm George"}}}}}}}}}}};
  EXPECT_EQ(answer, expected);
}

TEST_F(InteropSftDecodeJsAnswer, AStateChangeAndAMessageShowTheirValues) {
  const json answer = decoded_answer(protocol::RequestBuilder("example/person/George")
                                         .with_state("visits", int_type(), 2)
                                         .with_invocation(greet_request({{"name", "George"}}))
                                         .build());
  const json& result = answer["invocation_result"];
  EXPECT_EQ(
      result["state_mutations"],
      json::array({{{"state_name", "visits"},
                    {"mutation_type", "MODIFY"},
                    {"state_value", {{"typename", "io.statefun.types/int"}, {"value", 3}}}}}));
  EXPECT_EQ(result["outgoing_messages"],
            json::array({{{"target", "example/greeter/George"},
                          {"argument",
                           {{"typename", "example/GreetRequest"},
                            {"value", {{"name", "George"}, {"visits", 3}}}}}}}));
}

TEST_F(InteropSftDecodeJsAnswer, AMissingStateAnswerWithoutExpirationReadsAsNone) {
  const json answer = decoded_answer(protocol::RequestBuilder("example/person/George")
                                         .with_invocation(greet_request({{"name", "George"}}))
                                         .build());
  EXPECT_EQ(answer,
            json({{"incomplete_invocation_context",
                   {{"missing_values",
                     {{{"state_name", "visits"},
                       {"type_typename", "io.statefun.types/int"},
                       {"expiration_spec", {{"mode", "NONE"}, {"expire_after_millis", 0}}}}}}}}}));
}

}  // namespace
}  // namespace statefun::interop
