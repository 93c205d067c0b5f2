
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <statefun/error.hpp>
#include <statefun/server.hpp>
#include <statefun/testkit/http_client.hpp>
#include <statefun/testkit/matchers.hpp>

#include "scripted_server.hpp"
#include "test_functions.hpp"

namespace statefun::testkit {
namespace {

using statefun::test::ScriptedServer;
using testing::HasSubstr;

std::string url_of(std::uint16_t port) {
  return "http://127.0.0.1:" + std::to_string(port) + "/statefun";
}

CallError error_of(HttpClient& client, std::string_view body = "x") {
  try {
    client.call(protocol::decode_request(
        protocol::RequestBuilder("example/echo/e").with_invocation(int_type(), 1).bytes()));
  } catch (const CallError& e) {
    return e;
  }
  ADD_FAILURE() << "the call succeeded";
  return {CallErrorKind::transport, std::string(body)};
}

TEST(HttpClient, CallsARealServerOverOneConnection) {
  Server server(statefun::test::make_test_handler(),
                {.address = "127.0.0.1", .port = 0, .threads = 1, .handle_signals = false});
  server.start();
  HttpClient client(url_of(server.port()));
  for (int i = 0; i < 3; ++i) {
    const protocol::Response r = client.call(
        protocol::RequestBuilder("example/echo/e").with_invocation(int_type(), i).build());
    EXPECT_THAT(r, SendsMessageTo("example/sink/none", IntValue(i)));
  }
  server.stop();
  server.wait();
}

TEST(HttpClient, KeepsTheConnectionAlive) {
  const std::string ok = ScriptedServer::reply(200, "application/octet-stream", "");
  ScriptedServer server({ok, ok, ok});
  HttpClient client(url_of(server.port()));
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(client.call_bytes("x"), "");
  }
  EXPECT_EQ(server.connections(), 1);
}

TEST(HttpClient, ReconnectsWhenTheServerCloses) {
  const std::string ok = ScriptedServer::reply(200, "application/octet-stream", "", true);
  ScriptedServer server({ok, ok});
  HttpClient client(url_of(server.port()));
  EXPECT_EQ(client.call_bytes("x"), "");
  EXPECT_EQ(client.call_bytes("x"), "");
  EXPECT_EQ(server.connections(), 2);
}

TEST(HttpClient, ARequestFullyWrittenIsNotSentAgain) {
  // The server read the second request and closed without answering: it may have acted on it,
  // so sending it again on a new connection could apply it twice.
  const std::string ok = ScriptedServer::reply(200, "application/octet-stream", "", false);
  ScriptedServer server({ok, ScriptedServer::kCloseWithoutAnswer, ok});
  HttpClient client(url_of(server.port()));
  EXPECT_EQ(client.call_bytes("x"), "");
  const CallError e = error_of(client);
  EXPECT_EQ(e.kind(), CallErrorKind::transport) << e.what();
  EXPECT_EQ(server.connections(), 1);
}

TEST(HttpClient, ANonOkStatusCarriesStatusAndBody) {
  ScriptedServer server(
      {ScriptedServer::reply(500, "text/plain", "function example/x failed: kaput")});
  HttpClient client(url_of(server.port()));
  const CallError e = error_of(client);
  EXPECT_EQ(e.kind(), CallErrorKind::status);
  EXPECT_EQ(e.status(), 500);
  EXPECT_EQ(e.body(), "function example/x failed: kaput");
  EXPECT_THAT(e.what(), HasSubstr("HTTP 500 from http://127.0.0.1:"));
  EXPECT_THAT(e.what(), HasSubstr("kaput"));
}

TEST(HttpClient, AWrongContentTypeIsRejected) {
  ScriptedServer server({ScriptedServer::reply(200, "application/json", "{}")});
  HttpClient client(url_of(server.port()));
  const CallError e = error_of(client);
  EXPECT_EQ(e.kind(), CallErrorKind::content_type);
  EXPECT_THAT(e.what(), HasSubstr("'application/json'"));
}

TEST(HttpClient, AnUndecodableBodyIsADecodeError) {
  ScriptedServer server({ScriptedServer::reply(200, "application/octet-stream", "\xFF\xFF\xFF")});
  HttpClient client(url_of(server.port()));
  const CallError e = error_of(client);
  EXPECT_EQ(e.kind(), CallErrorKind::decode);
  EXPECT_THAT(e.what(), HasSubstr("not a FromFunction"));
}

TEST(HttpClient, ARefusedConnectionIsAConnectError) {
  std::uint16_t port = 0;
  {
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::acceptor acceptor(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
    port = acceptor.local_endpoint().port();
  }  // closed: nothing listens there now
  HttpClient client(url_of(port));
  const CallError e = error_of(client);
  EXPECT_EQ(e.kind(), CallErrorKind::connect);
  EXPECT_THAT(e.what(), HasSubstr("cannot connect to http://127.0.0.1:" + std::to_string(port)));
}

TEST(HttpClient, ASilentServerIsATimeout) {
  ScriptedServer server({""});
  HttpClient client(url_of(server.port()), {.request_timeout = std::chrono::milliseconds(200)});
  const CallError e = error_of(client);
  EXPECT_EQ(e.kind(), CallErrorKind::timeout);
}

TEST(HttpClient, PostReturnsAnyStatus) {
  ScriptedServer server({ScriptedServer::reply(404, "text/plain", "no such path")});
  HttpClient client(url_of(server.port()));
  const HttpReply reply = client.post("x");
  EXPECT_EQ(reply.status, 404);
  EXPECT_EQ(reply.content_type, "text/plain");
  EXPECT_EQ(reply.body, "no such path");
}

}  // namespace
}  // namespace statefun::testkit
