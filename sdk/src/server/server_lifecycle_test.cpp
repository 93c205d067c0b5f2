// Server life cycle: timeouts, stop, signals, threads, logs, misbehaving clients.
#include <algorithm>
#include <condition_variable>
#include <csignal>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <statefun/handler.hpp>
#include <statefun/server.hpp>

#include "server/test_client.hpp"

#include <signal.h>  // NOLINT(modernize-deprecated-headers): sigaction is POSIX, not C++

namespace statefun {
namespace {

using namespace std::chrono_literals;
using namespace testing_server;
using testing::ElementsAre;
using testing::HasSubstr;

/// Log lines, collected from any thread; wait_for blocks until one contains a text.
class LogSink {
 public:
  std::function<void(std::string_view)> sink() {
    return [this](std::string_view line) {
      const std::lock_guard lock(mutex_);
      lines_.emplace_back(line);
      changed_.notify_all();
    };
  }

  bool wait_for(const std::string& text) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, kBound, [&] {
      return std::any_of(lines_.begin(), lines_.end(), [&](const std::string& line) {
        return line.find(text) != std::string::npos;
      });
    });
  }

  std::vector<std::string> lines() {
    const std::lock_guard lock(mutex_);
    return lines_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::string> lines_;
};

TEST(ServerLifeCycle, SurvivesClientsThatDisconnectMidRequest) {
  TestServer s(echo);
  {
    Client c = s.client();
    c.send("POST /statefun HTTP/1.1\r\nHost: h\r\nContent-");
  }
  {
    Client c = s.client();
    c.send("POST /statefun HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\nonly part");
  }
  EXPECT_EQ(s.call(post("alive")).body, "echo:alive");
}

/// A test server whose timeouts read a ManualClock.
struct SimulatedTimeServer {
  explicit SimulatedTimeServer(ServerOptions options, RequestHandler handler = echo)
      : clock(std::make_shared<ManualClock>()),
        server(std::move(handler), with_clock(std::move(options))) {}

  ServerOptions with_clock(ServerOptions options) const {
    options.clock = clock;
    return options;
  }

  /// Waits until the server's one loop has handled what came before: it answers a request of
  /// a fresh connection only after the connections and bytes that arrived earlier.
  void sync() const { ASSERT_EQ(server.call(post("sync")).status, 200); }

  /// Moves the time on and waits until the loop has checked its deadlines (the check is posted
  /// before the request of sync()).
  void advance(Clock::duration d) {
    clock->advance(d);
    sync();
  }

  std::shared_ptr<ManualClock> clock;
  TestServer server;
};

TEST(ServerLifeCycle, IdleTimeoutClosesAnIdleConnectionExactlyWhenItPasses) {
  SimulatedTimeServer s({.idle_timeout = 60s});
  Client used = s.server.client();
  used.send(post("x"));
  EXPECT_EQ(used.read_response().status, 200);
  Client silent = s.server.client();
  s.sync();  // both connections are in, with their idle timeouts from now
  s.advance(60s - 1ms);
  EXPECT_TRUE(used.open_and_quiet());
  EXPECT_TRUE(silent.open_and_quiet());
  s.advance(1ms);
  EXPECT_TRUE(used.closed_by_server());
  EXPECT_TRUE(silent.closed_by_server());
}

TEST(ServerLifeCycle, ErrorLogsAreRateLimitedByTheServersClock) {
  LogSink log;
  SimulatedTimeServer s({.log = log.sink()}, [](std::string_view body) -> std::string {
    if (body == "sync") {
      return "ok";
    }
    throw std::runtime_error("failed " + std::string(body));
  });
  Client c = s.server.client();
  for (const char* body : {"a", "b", "c"}) {
    c.send(post(body));
    EXPECT_EQ(c.read_response().status, 500);
  }
  s.advance(999ms);
  c.send(post("d"));
  EXPECT_EQ(c.read_response().status, 500);
  s.advance(1ms);
  c.send(post("e"));
  EXPECT_EQ(c.read_response().status, 500);
  const std::vector<std::string> lines = log.lines();
  ASSERT_EQ(lines.size(), 3U) << testing::PrintToString(lines);  // listening, a, e
  EXPECT_EQ(lines[1], "statefun: handler failed (HTTP 500): failed a");
  EXPECT_EQ(lines[2],
            "statefun: handler failed (HTTP 500): failed e (and 3 more errors in the last second)");
}

TEST(ServerLifeCycle, AnswersRestartTheIdleTimeout) {
  SimulatedTimeServer s({.idle_timeout = 60s});
  Client c = s.server.client();
  s.sync();
  s.advance(59s);
  c.send(post("x"));
  EXPECT_EQ(c.read_response().status, 200);
  s.advance(59s);
  EXPECT_TRUE(c.open_and_quiet());
  s.advance(1s);
  EXPECT_TRUE(c.closed_by_server());
}

TEST(ServerLifeCycle, HeaderTimeoutClosesASlowRequestExactlyWhenItPasses) {
  SimulatedTimeServer s({.header_timeout = 10s});
  Client c = s.server.client();
  c.send("POST /statefun HTTP/1.1\r\nHost: h\r\n");
  s.sync();  // the first bytes are in: the header timeout runs from now
  s.advance(10s - 1ms);
  EXPECT_TRUE(c.open_and_quiet());
  s.advance(1ms);
  EXPECT_TRUE(c.closed_by_server());
}

TEST(ServerLifeCycle, StopLetsAnInFlightRequestFinish) {
  std::promise<void> entered;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  TestServer s([&](std::string_view body) {
    entered.set_value();
    released.wait();
    return echo(body);
  });
  Client c = s.client();
  c.send(post("late"));
  ASSERT_EQ(entered.get_future().wait_for(kBound), std::future_status::ready);
  s.server.stop();
  release.set_value();
  EXPECT_EQ(c.read_response().body, "echo:late");
  EXPECT_TRUE(c.closed_by_server());
  s.server.wait();
  EXPECT_THROW(s.client(), boost::system::system_error);  // no longer accepting
}

TEST(ServerLifeCycle, StopClosesWhatIsLeftWhenTheDrainTimeoutPasses) {
  SimulatedTimeServer s({.header_timeout = 1h, .idle_timeout = 1h, .drain_timeout = 5s});
  Client c = s.server.client();
  c.send("POST /statefun HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\nonly part");
  s.sync();  // the request is being read: stop() lets it finish, for a while
  s.server.server.stop();
  s.clock->advance(5s - 1ms);
  EXPECT_TRUE(c.open_and_quiet());
  s.clock->advance(1ms);
  EXPECT_TRUE(c.closed_by_server());
  s.server.server.wait();  // returns: nothing is left
}

TEST(ServerLifeCycle, AtMaxConnectionsNewOnesWaitUntilOneCloses) {
  LogSink log;
  TestServer s(echo, {.max_connections = 2, .log = log.sink()});
  std::optional<Client> first;
  first.emplace(s.server.port());
  Client second = s.client();
  first->send(post("1"));
  EXPECT_EQ(first->read_response().body, "echo:1");
  second.send(post("2"));
  EXPECT_EQ(second.read_response().body, "echo:2");  // both are served: the loop is full
  ASSERT_TRUE(log.wait_for("max_connections reached: 2 connections on this loop"));

  Client third = s.client();  // the kernel completes the handshake; the server does not accept
  third.send(post("3"));
  second.send(post("2 again"));
  EXPECT_EQ(second.read_response().body, "echo:2 again");
  EXPECT_TRUE(third.open_and_quiet());  // not answered while two are open

  first.reset();  // one closes: the third is accepted and answered
  EXPECT_EQ(third.read_response().body, "echo:3");
}

TEST(ServerLifeCycle, StopClosesIdleConnectionsAndRunReturns) {
  Server server(echo, local({.threads = 2}));
  std::thread runner([&] { server.run(); });
  Client c(server.port());
  c.send(post("x"));
  EXPECT_EQ(c.read_response().status, 200);
  server.stop();
  EXPECT_TRUE(c.closed_by_server());
  runner.join();
}

/// Sets a promise when destroyed: held by a handler, it tells when the server freed it. It
/// shares the promise, which outlives set_value() even when the waiter is quick to leave.
struct FreedSignal {
  explicit FreedSignal(std::shared_ptr<std::promise<void>> freed) : freed_(std::move(freed)) {}

  FreedSignal(const FreedSignal&) = delete;
  FreedSignal& operator=(const FreedSignal&) = delete;
  FreedSignal(FreedSignal&&) = delete;
  FreedSignal& operator=(FreedSignal&&) = delete;

  ~FreedSignal() { freed_->set_value(); }

 private:
  std::shared_ptr<std::promise<void>> freed_;
};

TEST(ServerLifeCycle, AHandlerMayDestroyItsServer) {
  // ~Server on one of its loop threads destroyed that thread's joinable std::thread: the
  // process terminated. Now the thread finishes its loop and frees the server itself.
  for (const bool serve_in_run : {false, true}) {
    SCOPED_TRACE(serve_in_run ? "run()" : "start()");
    auto freed = std::make_shared<std::promise<void>>();
    std::future<void> freed_future = freed->get_future();
    std::unique_ptr<Server> server;
    auto signal = std::make_shared<FreedSignal>(freed);
    server = std::make_unique<Server>(
        [&server, signal](std::string_view body) -> std::string {
          if (body != "destroy") {
            return echo(body);
          }
          server.reset();
          return "destroyed";
        },
        local({.threads = 2}));
    signal.reset();
    std::thread runner;
    if (serve_in_run) {
      runner = std::thread([s = server.get()] { s->run(); });
    } else {
      server->start();
    }
    Client c(server->port());
    c.send(post("destroy"));
    const Response r = c.read_response();
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "destroyed");
    EXPECT_TRUE(c.closed_by_server());
    if (runner.joinable()) {
      runner.join();  // run() returned
    }
    EXPECT_EQ(freed_future.wait_for(kBound), std::future_status::ready);
  }
}

TEST(ServerLifeCycle, ServesOnSeveralThreads) {
  TestServer s(echo, {.threads = 3});
  std::vector<std::thread> threads;
  std::vector<int> ok(6, 0);
  for (std::size_t t = 0; t < ok.size(); ++t) {
    threads.emplace_back([&, t] {
      Client c = s.client();
      for (int i = 0; i < 50; ++i) {
        const std::string body = std::to_string(t) + "/" + std::to_string(i);
        c.send(post(body));
        ok[t] += c.read_response().body == echo(body) ? 1 : 0;
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  EXPECT_THAT(ok, testing::Each(50));
}

TEST(ServerLifeCycle, LogsWhereItListens) {
  LogSink log;
  TestServer s(echo, {.log = log.sink()});
  EXPECT_TRUE(log.wait_for("listening"));
  EXPECT_THAT(log.lines(),
              ElementsAre("statefun: listening on http://127.0.0.1:" +
                          std::to_string(s.server.port()) + "/statefun (1 thread)"));
}

TEST(ServerLifeCycle, TakesNoSignalsUnlessAsked) {
  struct sigaction before {};

  ASSERT_EQ(::sigaction(SIGTERM, nullptr, &before), 0);
  ServerOptions options = local();
  options.handle_signals = ServerOptions{}.handle_signals;  // the default
  Server server(echo, options);
  server.start();

  struct sigaction during {};

  ASSERT_EQ(::sigaction(SIGTERM, nullptr, &during), 0);
  EXPECT_EQ(during.sa_handler, before.sa_handler);
  server.stop();
  server.wait();
}

TEST(ServerLifeCycle, RunReturnsOnSigterm) {
  LogSink log;
  ServerOptions options = local({.log = log.sink()});
  options.handle_signals = true;
  Server server(echo, options);
  std::thread runner([&] { server.run(); });
  ASSERT_TRUE(log.wait_for("listening"));  // logged once the signal handler is in place
  std::raise(SIGTERM);
  runner.join();
  EXPECT_TRUE(log.wait_for("stopping on signal"));
}

TEST(ServerLifeCycle, RejectsBadOptions) {
  EXPECT_THROW(Server(echo, local({.path = "statefun"})), Error);
  EXPECT_THROW(Server(echo, {.address = "not an address", .port = 0}), Error);
  EXPECT_THROW(Server(echo, local({.drain_timeout = 0s})), Error);
  EXPECT_THROW(Server(echo, local({.max_connections = 0})), Error);
  EXPECT_THROW(Server(RequestHandler(), local()), Error);
  Server taken(echo, local());
  ServerOptions same = local();
  same.port = taken.port();
  try {
    Server second(echo, same);
    ADD_FAILURE() << "shared a port through SO_REUSEPORT";
  } catch (const std::system_error& e) {
    EXPECT_EQ(e.code(), std::errc::address_in_use);
    EXPECT_THAT(e.what(), HasSubstr("cannot listen on http://127.0.0.1:"));
  }
}

TEST(ServerLifeCycle, LogsTheFunctionsOfARequestReplyHandler) {
  StatefulFunctions functions;
  functions.bind("example/person",
                 {ValueSpecBase("visits", TypeName("io.statefun.types/int"))},
                 [](Context&, const Message&) {});
  functions.bind("example/greeter", {}, [](Context&, const Message&) {});
  LogSink log;
  Server server(RequestReplyHandler(std::move(functions)), local({.log = log.sink()}));
  EXPECT_THAT(
      log.lines(),
      ElementsAre("statefun: serving example/greeter",
                  "statefun: serving example/person (state: visits io.statefun.types/int)"));
}

}  // namespace
}  // namespace statefun
