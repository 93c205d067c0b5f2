// The greeter's logic through the SDK handler, with requests built field by field.

#include "greeter.hpp"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <statefun/statefun.hpp>

#include "sdk/request-reply.pb.h"

namespace {

namespace pb = io::statefun::sdk::reqreply;
using nlohmann::json;
using testing::HasSubstr;

statefun::RequestReplyHandler make_handler() {
  statefun::StatefulFunctions functions;
  greeter::bind_functions(functions);
  return statefun::RequestReplyHandler(std::move(functions));
}

std::string request(const std::string& type,
                    const std::string& id,
                    const std::string& argument,
                    const std::optional<std::string>& visits_state = std::string{}) {
  pb::ToFunction to;
  auto* batch = to.mutable_invocation();
  batch->mutable_target()->set_namespace_("example");
  batch->mutable_target()->set_type(type);
  batch->mutable_target()->set_id(id);
  if (visits_state) {
    auto* state = batch->add_state();
    state->set_state_name("visits");
    if (!visits_state->empty()) {
      state->mutable_state_value()->set_typename_("io.statefun.types/int");
      state->mutable_state_value()->set_has_value(true);
      state->mutable_state_value()->set_value(*visits_state);
    }
  }
  auto* argument_value = batch->add_invocations()->mutable_argument();
  argument_value->set_typename_("example/GreetRequest");
  argument_value->set_has_value(true);
  argument_value->set_value(argument);
  return to.SerializeAsString();
}

pb::FromFunction call(const std::string& bytes) {
  pb::FromFunction reply;
  EXPECT_TRUE(reply.ParseFromString(make_handler().handle(bytes)));
  return reply;
}

/// The payload of the one egress record the greeter sends, checking everything around it.
std::string greeting_for(const json& greet_request) {
  const auto reply = call(request("greeter", "George", greet_request.dump(), std::nullopt));
  const auto& egress = reply.invocation_result().outgoing_egresses();
  EXPECT_EQ(egress.size(), 1);
  if (egress.empty()) {
    return {};
  }
  EXPECT_EQ(egress[0].egress_namespace(), "io.statefun.playground");
  EXPECT_EQ(egress[0].egress_type(), "egress");
  EXPECT_EQ(egress[0].argument().typename_(), "io.statefun.playground/EgressRecord");
  EXPECT_TRUE(egress[0].argument().has_value());
  const json record = json::parse(egress[0].argument().value());
  EXPECT_EQ(record["topic"], "greetings");
  return record["payload"].get<std::string>();
}

std::string greeting_for(std::int64_t visits) {
  return greeting_for(json{{"name", "George"}, {"visits", visits}});
}

TEST(Greeter, GreetsEachVisitCountWithTheGoTexts) {
  EXPECT_EQ(greeting_for(1), "Welcome George");
  EXPECT_EQ(greeting_for(2), "Nice to see you again George");
  EXPECT_EQ(greeting_for(3), "Third time is the charm George");
  EXPECT_EQ(greeting_for(4), "Nice to see you for the 4-th time George!");
  EXPECT_EQ(greeting_for(5), "Nice to see you for the 5-th time George!");
  EXPECT_EQ(greeting_for(11), "Nice to see you for the 11-th time George!");
}

TEST(Greeter, EdgeCountsGetASensibleGreeting) {
  EXPECT_EQ(greeting_for(0), "Welcome George");
  EXPECT_EQ(greeting_for(-1), "Welcome George");
  EXPECT_EQ(greeting_for(std::int64_t{1} << 31),
            "Nice to see you for the 2147483648-th time George!");
  EXPECT_EQ(greeting_for(std::int64_t{1} << 40),
            "Nice to see you for the 1099511627776-th time George!");
  EXPECT_EQ(greeting_for(json{{"name", "George"}}), "Welcome George");
  EXPECT_EQ(greeting_for(json{{"name", "George"}, {"visits", nullptr}}), "Welcome George");
}

TEST(Greeter, NamesAreKeptAsTheyAre) {
  EXPECT_EQ(greeting_for(json{{"name", "Zoë <&>\""}, {"visits", 1}}), "Welcome Zoë <&>\"");
  EXPECT_EQ(greeting_for(json{{"name", ""}, {"visits", 2}}), "Nice to see you again ");
}

std::string rejection_of(const std::string& type, const std::string& argument) {
  try {
    make_handler().handle(request(type, "George", argument));
  } catch (const statefun::Error& e) {
    EXPECT_EQ(e.code(), statefun::errc::invalid_message) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "accepted " << argument;
  return {};
}

TEST(Greeter, RejectsBadGreetRequestsWithAReason) {
  EXPECT_THAT(rejection_of("greeter", R"({"visits":3})"), HasSubstr("\"name\" must be a string"));
  EXPECT_THAT(rejection_of("greeter", R"({"name":7})"), HasSubstr("\"name\" must be a string"));
  EXPECT_THAT(rejection_of("greeter", R"({"name":"G","visits":"3"})"),
              HasSubstr("\"visits\" must be an integer"));
  EXPECT_THAT(rejection_of("greeter", R"({"name":"G","visits":3.5})"),
              HasSubstr("\"visits\" must be an integer"));
  EXPECT_THAT(rejection_of("greeter", R"({"name":"G","visits":18446744073709551615})"),
              HasSubstr("out of range"));
  EXPECT_THAT(rejection_of("greeter", R"(["George"])"), HasSubstr("expected a JSON object"));
  EXPECT_THAT(rejection_of("greeter", "not json"), HasSubstr("invalid JSON"));
  EXPECT_THAT(rejection_of("person", R"({"nom":"George"})"), HasSubstr("\"name\""));
}

TEST(Person, WithoutStateAsksForVisits) {
  const auto reply = call(request("person", "George", R"({"name":"George"})", std::nullopt));
  ASSERT_TRUE(reply.has_incomplete_invocation_context());
  const auto& missing = reply.incomplete_invocation_context().missing_values();
  ASSERT_EQ(missing.size(), 1);
  EXPECT_EQ(missing[0].state_name(), "visits");
  EXPECT_EQ(missing[0].type_typename(), "io.statefun.types/int");
  EXPECT_EQ(missing[0].expiration_spec().mode(), pb::FromFunction::ExpirationSpec::NONE);
}

/// Calls example/person for George with the given visits state and returns (new visits, sent).
std::pair<std::int32_t, json> person_step(const std::optional<std::int32_t>& visits) {
  const auto state = visits ? statefun::int_type().serialize(*visits) : std::string();
  // visits 0 serializes to empty bytes: keep it present with has_value=true
  pb::ToFunction to;
  to.ParseFromString(request("person", "George", R"({"name":"George"})", std::string{}));
  if (visits) {
    auto* value = to.mutable_invocation()->mutable_state(0)->mutable_state_value();
    value->set_typename_("io.statefun.types/int");
    value->set_has_value(true);
    value->set_value(state);
  }
  const auto reply = call(to.SerializeAsString());
  const auto& result = reply.invocation_result();
  EXPECT_EQ(result.state_mutations_size(), 1);
  EXPECT_EQ(result.outgoing_messages_size(), 1);
  if (result.state_mutations_size() != 1 || result.outgoing_messages_size() != 1) {
    return {};
  }
  const auto& mutation = result.state_mutations(0);
  EXPECT_EQ(mutation.mutation_type(), pb::FromFunction::PersistedValueMutation::MODIFY);
  EXPECT_EQ(mutation.state_value().typename_(), "io.statefun.types/int");
  const auto& sent = result.outgoing_messages(0);
  EXPECT_EQ(sent.target().namespace_(), "example");
  EXPECT_EQ(sent.target().type(), "greeter");
  EXPECT_EQ(sent.target().id(), "George");
  EXPECT_EQ(sent.argument().typename_(), "example/GreetRequest");
  return {statefun::int_type().deserialize(mutation.state_value().value()),
          json::parse(sent.argument().value())};
}

TEST(Person, CountsVisitsAndAsksTheGreeter) {
  EXPECT_EQ(person_step(std::nullopt), std::make_pair(1, json{{"name", "George"}, {"visits", 1}}));
  EXPECT_EQ(person_step(0), std::make_pair(1, json{{"name", "George"}, {"visits", 1}}));
  EXPECT_EQ(person_step(2), std::make_pair(3, json{{"name", "George"}, {"visits", 3}}));
}

TEST(Person, TheCountSaturatesInsteadOfOverflowing) {
  const auto max = std::numeric_limits<std::int32_t>::max();
  EXPECT_EQ(person_step(max).first, max);
}

TEST(Person, VisitsTwoAnswersModifyThreeByteExact) {
  const auto reply = call(
      request("person", "George", R"({"name":"George"})", std::string("\x0D\x02\x00\x00\x00", 5)));
  EXPECT_EQ(reply.invocation_result().state_mutations(0).state_value().value(),
            std::string("\x0D\x03\x00\x00\x00", 5));
}

TEST(ComputeGreeting, MatchesTheGoGreeter) {
  EXPECT_EQ(greeter::compute_greeting("Ann", 3), "Third time is the charm Ann");
  EXPECT_EQ(greeter::compute_greeting("Ann", 1000), "Nice to see you for the 1000-th time Ann!");
}

}  // namespace
