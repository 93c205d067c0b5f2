#include "admin_view.hpp"

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <statefun/types.hpp>

namespace statefun::runtime::detail {
namespace {

using nlohmann::json;

class AdminView : public testing::Test {
 protected:
  AdminView()
      : reminder_{Address("example/person", "Bob"),
                  Address("example/greeter", "Bob"),
                  TypedValue{"example/Note", true, R"({"n":1})"},
                  "late",
                  now_ + std::chrono::seconds(90),
                  7} {
    states_.push_back(
        {Address("example/person", "Bob"),
         {{"visits", TypedValue{"io.statefun.types/int", true, int_type().serialize(3)}}},
         2,
         true});
    states_.push_back({Address("example/greeter", "Bob"), {}, 0, false});
    delayed_.push_back(&reminder_);
  }

  json answer(std::string_view target, int status = 200) {
    const LocalResponse r = admin_answer(target, states_, delayed_, now_);
    EXPECT_EQ(r.status, status) << r.body;
    return status == 200 ? json::parse(r.body) : json(r.body);
  }

  Clock::time_point now_{std::chrono::hours(1)};
  DelayedMessage reminder_;
  std::vector<AddressState> states_;
  std::vector<const DelayedMessage*> delayed_;
};

TEST_F(AdminView, ShowsOneAddressWithItsDecodedStateBacklogAndDelayedMessages) {
  EXPECT_EQ(answer("/state/example/person/Bob"), json::parse(R"({"address": "example/person/Bob",
                            "state": {"visits": {"typename": "io.statefun.types/int", "value": 3}},
                            "backlog": 2, "in_flight": true, "delayed": []})"));
  EXPECT_EQ(answer("/state/example/greeter/Bob")["delayed"],
            json::parse(R"([{"from": "example/person/Bob", "to": "example/greeter/Bob",
                             "due_in_ms": 90000, "token": "late",
                             "argument": {"typename": "example/Note", "value": {"n": 1}}}])"));
}

TEST_F(AdminView, ShowsEveryAddressAndEveryDelayedMessage) {
  const json all = answer("/state");
  ASSERT_EQ(all["addresses"].size(), 2U);
  EXPECT_EQ(all["addresses"][1]["address"], "example/greeter/Bob");
  EXPECT_EQ(all["addresses"][1]["state"], json::object());
  ASSERT_EQ(all["delayed"].size(), 1U);
  EXPECT_EQ(all["delayed"][0]["due_in_ms"], 90000);
  EXPECT_EQ(answer("/state/?pretty=1"), all);
}

TEST_F(AdminView, SaysWhatItDoesNotKnow) {
  EXPECT_EQ(answer("/state/example/person/Ann", 404),
            "the run has not seen example/person/Ann (yet)");
  EXPECT_EQ(answer("/state/example/person", 404),
            "the admin endpoint serves /state/namespace/type/id, not '/state/example/person'");
  EXPECT_EQ(answer("/metrics", 404),
            "the admin endpoint serves /state and /state/namespace/type/id");
}

}  // namespace
}  // namespace statefun::runtime::detail
