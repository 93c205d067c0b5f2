// Runtime-like state in load tests: missing-state round trips and state kept per address.
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include <statefun/load/engine.hpp>
#include <statefun/protocol/request.hpp>
#include <statefun/server.hpp>

#include "greeter.hpp"
#include "loopback_server.hpp"
#include "state_store.hpp"

namespace statefun::load {
namespace {

RequestKind person_kind(bool resolve_state) {
  RequestKind kind;
  kind.name = "person";
  kind.function_type = "example/person";
  kind.id = Template("George");
  kind.arguments.push_back({"example/GreetRequest", Template(R"({"name":"George"})"), true});
  kind.expect.response = nlohmann::json::parse(R"({"invocation_result":{}})");
  kind.resolve_state = resolve_state;
  return kind;
}

/// The greeter functions, noting the highest `visits` state value a request carried.
class RecordingGreeter {
 public:
  RecordingGreeter()
      : server_([this](std::string_view body) { return handle(body); },
                test::loopback_server_options()) {
    server_.start();
  }

  std::string url() const {
    return "http://127.0.0.1:" + std::to_string(server_.port()) + "/statefun";
  }

  int highest_visits() const { return highest_.load(); }

 private:
  static RequestReplyHandler functions() {
    StatefulFunctions f;
    greeter::bind_functions(f);
    return RequestReplyHandler(std::move(f));
  }

  std::string handle(std::string_view body) {
    for (const auto& entry : protocol::decode_request(body).state) {
      if (entry.name == "visits" && entry.value && entry.value->value.size() == 5) {
        const int visits = static_cast<unsigned char>(entry.value->value[1]);
        highest_ = std::max(highest_.load(), visits);
      }
    }
    return handler_.handle(body);
  }

  RequestReplyHandler handler_ = functions();
  std::atomic<int> highest_{0};
  Server server_;
};

LoadConfig one_user(const std::string& url, std::uint64_t requests) {
  LoadConfig config;
  config.url = url;
  config.users = 1;
  config.requests = requests;
  config.threads = 1;
  return config;
}

TEST(ResolveState, WithoutItAStatefulFunctionOnlyAsksForState) {
  RecordingGreeter greeter;
  const LoadResult result = run_load(one_user(greeter.url(), 3), {person_kind(false)});
  EXPECT_EQ(result.kinds[0].failures, 3U);
  ASSERT_EQ(result.failures.size(), 1U);
  EXPECT_EQ(result.failures[0].kind, FailureKind::expectation);
  EXPECT_EQ(greeter.highest_visits(), 0);
}

TEST(ResolveState, SendsTheNamesItAsksForAndKeepsTheWrittenValues) {
  RecordingGreeter greeter;
  const LoadResult result = run_load(one_user(greeter.url(), 5), {person_kind(true)});
  EXPECT_EQ(result.kinds[0].requests, 5U);
  EXPECT_EQ(result.kinds[0].failures, 0U)
      << (result.failures.empty() ? "" : result.failures[0].example);
  EXPECT_EQ(greeter.highest_visits(), 4);  // the 5th request carried the 4 visits written before
}

TEST(StateStore, AttachesRegisteredNamesAndTheAddresssValues) {
  RequestKind kind = person_kind(true);
  kind.state.push_back({"seen", TypedValue{"io.statefun.types/bool", true, "\x08\x01"}});
  StateStore store(1);
  EXPECT_EQ(store.entries(0, kind, "a"), kind.state);
  store.register_missing(0, {"visits"});
  const TypedValue two{"io.statefun.types/int", true, std::string("\x0D\x02\0\0\0", 5)};
  store.apply(0, "a", {{protocol::StateMutation::Kind::modify, "visits", two}});
  const std::vector<protocol::StateEntry> for_a = store.entries(0, kind, "a");
  ASSERT_EQ(for_a.size(), 2U);
  EXPECT_EQ(for_a[1], (protocol::StateEntry{"visits", two}));
  const std::vector<protocol::StateEntry> for_b = store.entries(0, kind, "b");
  EXPECT_EQ(for_b[1], (protocol::StateEntry{"visits", std::nullopt}));
  store.apply(0, "a", {{protocol::StateMutation::Kind::remove, "visits", std::nullopt}});
  EXPECT_EQ(store.entries(0, kind, "a")[1], (protocol::StateEntry{"visits", std::nullopt}));
}

}  // namespace
}  // namespace statefun::load
