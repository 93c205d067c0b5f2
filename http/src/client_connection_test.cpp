// ClientConnection against a scripted server on 127.0.0.1: keep-alive, reconnects, framing,
// interim responses, and each way an exchange fails.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <statefun/http/client_connection.hpp>
#include <statefun/http/request_head.hpp>

#include "scripted_server.hpp"

namespace statefun::http {
namespace {

namespace net = boost::asio;
using test::ScriptedServer;
using testing::HasSubstr;
using Failure = ClientConnection::Failure;

/// What one exchange ended with.
struct Outcome {
  int status = 0;
  std::string body;
  bool keep_alive = false;
  std::optional<Failure> failure;
  std::string message;
};

/// Runs exchanges one at a time on its own io_context and records their outcomes.
class Recorder : public ClientConnection::Listener {
 public:
  explicit Recorder(std::uint16_t port, ClientConnection::Options options = {})
      : connection_(io_, {net::ip::make_address("127.0.0.1"), port}, *this, options),
        head_("127.0.0.1", "/statefun", "test") {}

  Outcome exchange(std::string_view body = "x") {
    head_.write(body, request_);
    outcome_ = {};
    connection_.exchange(request_);
    io_.restart();
    io_.run();  // until the listener was called: nothing else is pending then
    return outcome_;
  }

  ClientConnection& connection() { return connection_; }

  void on_response(const MessageParser& response) override {
    outcome_.status = response.status();
    outcome_.body = std::string(response.body());
    outcome_.keep_alive = response.keep_alive();
  }

  void on_failure(Failure failure, std::string_view message) override {
    outcome_.failure = failure;
    outcome_.message = std::string(message);
  }

 private:
  net::io_context io_;
  ClientConnection connection_;
  RequestHead head_;
  std::string request_;
  Outcome outcome_;
};

const std::string kOk = ScriptedServer::reply(200, "application/octet-stream", "ok");

TEST(ClientConnection, KeepsTheConnectionAlive) {
  ScriptedServer server({kOk, kOk, kOk});
  Recorder client(server.port());
  for (int i = 0; i < 3; ++i) {
    const Outcome o = client.exchange();
    EXPECT_EQ(o.status, 200);
    EXPECT_EQ(o.body, "ok");
    EXPECT_EQ(client.connection().reused(), i > 0);
  }
  EXPECT_EQ(server.connections(), 1);
}

TEST(ClientConnection, ReconnectsAfterConnectionClose) {
  const std::string closing = ScriptedServer::reply(200, "application/octet-stream", "", true);
  ScriptedServer server({closing, closing});
  Recorder client(server.port());
  EXPECT_FALSE(client.exchange().keep_alive);
  EXPECT_FALSE(client.connection().is_open());
  EXPECT_EQ(client.exchange().status, 200);
  EXPECT_EQ(server.connections(), 2);
}

TEST(ClientConnection, SkipsInterimResponses) {
  ScriptedServer server({"HTTP/1.1 100 Continue\r\n\r\n" + kOk});
  Recorder client(server.port());
  const Outcome o = client.exchange();
  EXPECT_EQ(o.status, 200);
  EXPECT_EQ(o.body, "ok");
}

TEST(ClientConnection, ReadsChunkedAndCloseDelimitedBodies) {
  ScriptedServer server(
      {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n",
       "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end"});
  Recorder client(server.port());
  EXPECT_EQ(client.exchange().body, "ok");
  const Outcome o = client.exchange();
  EXPECT_EQ(o.body, "until the end");
  EXPECT_FALSE(o.failure);
}

TEST(ClientConnection, AMalformedAnswerIsMalformed) {
  ScriptedServer server({"SSH-2.0-OpenSSH\r\n\r\n"});
  Recorder client(server.port());
  const Outcome o = client.exchange();
  EXPECT_EQ(o.failure, Failure::malformed);
  EXPECT_THAT(o.message, HasSubstr("malformed status line"));
  EXPECT_FALSE(client.connection().is_open());
}

TEST(ClientConnection, AnAnswerOverTheLimitIsMalformed) {
  ScriptedServer server({ScriptedServer::reply(200, "text/plain", std::string(100, 'x'))});
  Recorder client(server.port(), {.limits = {.max_header_bytes = 1024, .max_body_bytes = 64}});
  const Outcome o = client.exchange();
  EXPECT_EQ(o.failure, Failure::malformed);
  EXPECT_THAT(o.message, HasSubstr("response body too large"));
}

TEST(ClientConnection, ARefusedConnectionIsAConnectFailure) {
  std::uint16_t port = 0;
  {
    net::io_context io;
    net::ip::tcp::acceptor acceptor(io, {net::ip::make_address("127.0.0.1"), 0});
    port = acceptor.local_endpoint().port();
  }  // closed: nothing listens there now
  Recorder client(port);
  const Outcome o = client.exchange();
  EXPECT_EQ(o.failure, Failure::connect);
  EXPECT_THAT(o.message, HasSubstr("cannot connect"));
  EXPECT_FALSE(client.connection().request_written());
}

TEST(ClientConnection, AServerThatClosesWithoutAnswerIsATransportFailure) {
  ScriptedServer server({kOk}, {.close_after_each = true});
  Recorder client(server.port());
  ASSERT_EQ(client.exchange().status, 200);
  server.wait_closed(1);
  const Outcome o = client.exchange();  // into the connection the server closed
  EXPECT_EQ(o.failure, Failure::transport);
  EXPECT_TRUE(client.connection().reused());
}

TEST(ClientConnection, ChecksAKeptAliveConnectionBeforeReusingIt) {
  ScriptedServer server({kOk, kOk}, {.close_after_each = true});
  Recorder client(server.port(), {.check_before_reuse = true});
  ASSERT_EQ(client.exchange().status, 200);
  server.wait_closed(1);
  const Outcome o = client.exchange();
  EXPECT_FALSE(o.failure) << o.message;
  EXPECT_EQ(o.status, 200);
  EXPECT_FALSE(client.connection().reused());
  EXPECT_EQ(server.connections(), 2);
}

TEST(ClientConnection, AConnectionReusedSoonAfterItsAnswerIsNotChecked) {
  // An hour of idleness before a check: the second request goes into the connection the server
  // closed, as without a check, and fails (the caller's retry reconnects).
  ScriptedServer server({kOk, kOk}, {.close_after_each = true});
  Recorder client(server.port(),
                  {.check_before_reuse = true, .check_after_idle = std::chrono::hours(1)});
  ASSERT_EQ(client.exchange().status, 200);
  server.wait_closed(1);
  const Outcome o = client.exchange();
  EXPECT_EQ(o.failure, Failure::transport);
  EXPECT_TRUE(client.connection().reused());
}

}  // namespace
}  // namespace statefun::http
