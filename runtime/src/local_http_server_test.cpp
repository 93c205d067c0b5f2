#include "local_http_server.hpp"

#include <cstdint>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "http_exchange.hpp"

namespace statefun::runtime::detail {
namespace {

using testing::HasSubstr;

/// A server on its own event loop thread for the test's duration.
class ServedLoop {
 public:
  explicit ServedLoop(LocalHttpServer::Handler handler, LocalHttpServer::Options options = {})
      : server_(io_, std::move(options), std::move(handler)), thread_([this] { io_.run(); }) {}

  ~ServedLoop() {
    boost::asio::post(io_, [this] {
      server_.stop();
      work_.reset();
    });
    thread_.join();
  }

  ServedLoop(const ServedLoop&) = delete;
  ServedLoop& operator=(const ServedLoop&) = delete;

  std::uint16_t port() const { return server_.port(); }

  boost::asio::io_context& io() { return io_; }

 private:
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_{
      io_.get_executor()};
  LocalHttpServer server_;
  std::thread thread_;
};

void echo(const LocalRequest& request, const LocalHttpServer::Reply& reply) {
  reply({.status = 200,
         .body = std::string(request.method) + " " + std::string(request.target) + " [" +
                 std::string(request.content_type) + "] " + std::string(request.body)});
}

TEST(LocalHttpServer, HandsTheRequestToTheHandlerAndWritesItsAnswer) {
  ServedLoop loop(echo);
  const test::HttpAnswer answer =
      test::http_exchange(loop.port(), test::http_request("PUT", "/a/b/c", "text/x", "hi"));
  EXPECT_EQ(answer.status, 200);
  EXPECT_EQ(answer.body, "PUT /a/b/c [text/x] hi");
  EXPECT_THAT(answer.head, HasSubstr("Content-Type: text/plain; charset=utf-8\r\n"));
  EXPECT_THAT(answer.head, HasSubstr("Connection: close\r\n"));
}

TEST(LocalHttpServer, AnswersPipelinedRequestsInOrderOnOneConnection) {
  ServedLoop loop(echo);
  const std::string keep_alive =
      "GET /1 HTTP/1.1\r\nHost: h\r\n\r\nGET /2 HTTP/1.1\r\nHost: h\r\n\r\n";
  const test::HttpAnswer answer =
      test::http_exchange(loop.port(), keep_alive + test::http_request("POST", "/3", "", "x"));
  EXPECT_EQ(answer.status, 200);
  EXPECT_THAT(answer.body, HasSubstr("GET /1 [] HTTP/1.1 200 OK"));
  EXPECT_THAT(answer.body, HasSubstr("GET /2 [] HTTP/1.1 200 OK"));
  EXPECT_THAT(answer.body, testing::EndsWith("POST /3 [] x"));
}

TEST(LocalHttpServer, AnswersLaterWhenTheHandlerKeepsTheReply) {
  std::vector<LocalHttpServer::Reply> kept;
  ServedLoop* loop_ptr = nullptr;
  ServedLoop loop([&](const LocalRequest& /*request*/, LocalHttpServer::Reply reply) {
    kept.push_back(std::move(reply));
    // answered from a later turn of the loop, as the runtime answers once it took a message
    boost::asio::post(loop_ptr->io(), [&] { kept.back()({.status = 202, .body = "later"}); });
  });
  loop_ptr = &loop;
  const test::HttpAnswer answer = test::http_exchange(loop.port(), test::http_request("GET", "/"));
  EXPECT_EQ(answer.status, 202);
  EXPECT_EQ(answer.body, "later");
}

TEST(LocalHttpServer, AMalformedRequestGetsTheParsersReasonAndTheConnectionCloses) {
  ServedLoop loop(echo);
  const test::HttpAnswer answer = test::http_exchange(
      loop.port(), "GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n");
  EXPECT_EQ(answer.status, 400);
  EXPECT_THAT(answer.head, HasSubstr("Connection: close\r\n"));
  EXPECT_FALSE(answer.body.empty());
}

TEST(LocalHttpServer, ABodyOverTheLimitIs413) {
  ServedLoop loop(echo, {.max_body_bytes = 8});
  const test::HttpAnswer answer =
      test::http_exchange(loop.port(), test::http_request("PUT", "/", "", "123456789"));
  EXPECT_EQ(answer.status, 413);
}

TEST(LocalHttpServer, AHandlerThatThrowsIsA500WithItsMessage) {
  ServedLoop loop([](const LocalRequest& /*request*/, const LocalHttpServer::Reply& /*reply*/) {
    throw std::runtime_error("boom");
  });
  const test::HttpAnswer answer = test::http_exchange(loop.port(), test::http_request("GET", "/"));
  EXPECT_EQ(answer.status, 500);
  EXPECT_EQ(answer.body, "the local runtime failed: boom");
}

TEST(LocalHttpServer, SaysWhyItCannotListen) {
  boost::asio::io_context io;
  const LocalHttpServer first(io, {}, echo);
  try {
    const LocalHttpServer second(io, {.port = first.port()}, echo);
    FAIL() << "a second server listened on the same port";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(
        e.what(),
        testing::StartsWith("cannot listen on 127.0.0.1:" + std::to_string(first.port()) + ": "));
  }
}

}  // namespace
}  // namespace statefun::runtime::detail
