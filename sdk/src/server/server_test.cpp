#include <algorithm>
#include <mutex>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <statefun/error.hpp>
#include <statefun/server.hpp>

#include "server/test_client.hpp"

namespace statefun {
namespace {

using namespace std::chrono_literals;
using namespace testing_server;
using testing::Contains;
using testing::HasSubstr;

TEST(Server, PortZeroPicksARealPort) {
  TestServer s(echo);
  EXPECT_NE(s.server.port(), 0);
  EXPECT_EQ(s.call(post("x")).status, 200);
}

TEST(Server, AnswersTheHandlersBytesAsOctetStream) {
  TestServer s(echo);
  const Response r = s.call(post("hello"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("Content-Type"), "application/octet-stream");
  EXPECT_EQ(r.header("Content-Length"), "10");
  EXPECT_EQ(r.header("Connection"), "");
  EXPECT_EQ(r.body, "echo:hello");
}

TEST(Server, RejectsOtherMethodsWith405) {
  TestServer s(echo);
  Client c = s.client();
  c.send("GET /statefun HTTP/1.1\r\nHost: h\r\n\r\n");
  const Response r = c.read_response();
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.header("Allow"), "POST");
  EXPECT_EQ(r.header("Content-Type"), "text/plain; charset=utf-8");
  c.send(post("still open"));
  EXPECT_EQ(c.read_response().status, 200);
}

TEST(Server, RejectsOtherPathsWith404ButIgnoresTheQuery) {
  TestServer s(echo);
  EXPECT_EQ(s.call(post("x", "", "/other")).status, 404);
  EXPECT_EQ(s.call(post("x", "", "/statefun/x")).status, 404);
  EXPECT_EQ(s.call(post("x", "", "/statefun?a=b")).status, 200);
}

TEST(Server, RejectsOtherContentTypesWith415) {
  TestServer s(echo);
  const std::string head = "POST /statefun HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n";
  EXPECT_EQ(s.call(head + "Content-Type: text/plain\r\n\r\nx").status, 415);
  EXPECT_EQ(s.call(head + "Content-Type: Application/Octet-Stream\r\n\r\nx").status, 200);
  EXPECT_EQ(s.call(head + "\r\nx").status, 200);  // no Content-Type is fine
}

TEST(Server, RejectsAnEmptyBodyWith400) {
  TestServer s(echo);
  const Response r = s.call(post(""));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body, "empty request body");
}

TEST(Server, AnswersMalformedRequestWith400AndItsReason) {
  TestServer s([](std::string_view) -> std::string {
    throw Error(errc::malformed_request, "not a ToFunction");
  });
  const Response r = s.call(post("junk"));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.header("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_THAT(r.body, HasSubstr("not a ToFunction"));
}

TEST(Server, AnswersInvalidMessageWith422AndItsReason) {
  TestServer s([](std::string_view) -> std::string {
    throw Error(errc::invalid_message, "invalid GreetRequest: no name");
  });
  const Response r = s.call(post("junk"));
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.body, "invalid GreetRequest: no name");
}

TEST(Server, AnswersOtherErrorsWith500AndKeepsServing) {
  std::vector<std::string> logs;
  std::mutex mutex;
  TestServer s(
      [](std::string_view body) -> std::string {
        if (body == "runtime") {
          throw std::runtime_error("boom");
        }
        if (body == "statefun") {
          throw Error(errc::function_failed, "function threw");
        }
        throw 42;  // NOLINT(hicpp-exception-baseclass): what a careless user might do
      },
      {.log = [&](std::string_view line) {
        const std::lock_guard lock(mutex);
        logs.emplace_back(line);
      }});
  Client c = s.client();
  c.send(post("runtime"));
  const Response r = c.read_response();
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body, "boom");
  EXPECT_EQ(r.header("Content-Type"), "text/plain; charset=utf-8");
  c.send(post("statefun"));
  EXPECT_THAT(c.read_response().body, HasSubstr("function threw"));
  c.send(post("other"));
  EXPECT_EQ(c.read_response().status, 500);
  const std::lock_guard lock(mutex);
  EXPECT_THAT(logs, Contains(HasSubstr("boom")));
}

TEST(Server, LogsWhatARequestMadeAFunctionSayOnOneLine) {
  std::vector<std::string> logs;
  std::mutex mutex;
  TestServer s(
      [](std::string_view body) -> std::string {
        throw std::runtime_error("unknown function type " + std::string(body));
      },
      {.log = [&](std::string_view line) {
        const std::lock_guard lock(mutex);
        logs.emplace_back(line);
      }});
  EXPECT_EQ(s.call(post("x/y\nstatefun: listening on http://0.0.0.0:9/statefun\x1b[2J")).status,
            500);
  const std::lock_guard lock(mutex);
  ASSERT_EQ(logs.size(), 2U);  // listening, then the failure
  EXPECT_EQ(logs[1],
            "statefun: handler failed (HTTP 500): unknown function type x/y\\nstatefun: "
            "listening on http://0.0.0.0:9/statefun\\x1b[2J");
}

TEST(Server, RejectsALargeBodyWith413BeforeReadingItAndCloses) {
  TestServer s(echo, {.max_body_bytes = 16});
  EXPECT_EQ(s.call(post(std::string(16, 'a'))).status, 200);
  Client c = s.client();
  c.send("POST /statefun HTTP/1.1\r\nHost: h\r\nContent-Length: 17\r\n\r\n");
  EXPECT_EQ(c.read_response().status, 413);
  EXPECT_TRUE(c.closed_by_server());
}

TEST(Server, RejectsMalformedHttpWith400AndCloses) {
  TestServer s(echo);
  Client c = s.client();
  c.send("POST /statefun HTTP/1.1\r\nHost: h\r\nBad Header\r\n\r\n");
  EXPECT_EQ(c.read_response().status, 400);
  EXPECT_TRUE(c.closed_by_server());
}

TEST(Server, KeepsTheConnectionAlive) {
  TestServer s(echo);
  Client c = s.client();
  for (int i = 0; i < 5; ++i) {
    c.send(post(std::to_string(i)));
    EXPECT_EQ(c.read_response().body, "echo:" + std::to_string(i));
  }
}

TEST(Server, AnswersPipelinedRequestsInOrder) {
  TestServer s(echo);
  Client c = s.client();
  c.send(post("one") + post("two") + "GET / HTTP/1.1\r\nHost: h\r\n\r\n" + post("three"));
  EXPECT_EQ(c.read_response().body, "echo:one");
  EXPECT_EQ(c.read_response().body, "echo:two");
  EXPECT_EQ(c.read_response().status, 405);
  EXPECT_EQ(c.read_response().body, "echo:three");
}

TEST(Server, DecodesAChunkedBody) {
  TestServer s(echo);
  const Response r = s.call(
      "POST /statefun HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "echo:hello world");
}

TEST(Server, ReadsALargeBodyOverManyReads) {
  TestServer s([](std::string_view body) { return std::to_string(body.size()); });
  const std::string body(3 * 1024 * 1024 + 7, 'z');
  EXPECT_EQ(s.call(post(body)).body, std::to_string(body.size()));
}

TEST(Server, AnswersPipelinedRequestsSentInRandomPieces) {
  TestServer s([](std::string_view body) {
    return std::to_string(body.size()) + std::string(body.substr(0, 8));
  });
  std::mt19937 random(42);  // NOLINT(cert-msc32-c,cert-msc51-cpp): reproducible on purpose
  std::string bytes;
  std::vector<std::string> expected;
  for (int i = 0; i < 60; ++i) {
    const std::string body =
        std::to_string(i) + std::string(random() % 20000, static_cast<char>('a' + i % 26));
    if (i % 3 == 0) {
      std::ostringstream hex;
      hex << std::hex << body.size();
      bytes += "POST /statefun HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n" +
               hex.str() + "\r\n" + body + "\r\n0\r\n\r\n";
    } else {
      bytes += post(body);
    }
    expected.push_back(std::to_string(body.size()) + body.substr(0, 8));
  }
  Client c = s.client();
  std::thread writer([&] {
    for (std::size_t at = 0; at < bytes.size();) {
      const std::size_t n = std::min<std::size_t>(1 + random() % 3000, bytes.size() - at);
      c.send(std::string_view(bytes).substr(at, n));
      at += n;
    }
  });
  for (const std::string& body : expected) {
    EXPECT_EQ(c.read_response().body, body);
  }
  writer.join();
}

TEST(Server, WritesLargeResponsesTheSocketCannotTakeAtOnce) {
  TestServer s([](std::string_view body) { return std::string(6 << 20, body.front()); });
  Client c = s.client();
  c.send(post("a") + post("b"));  // the second waits in the buffer while the first is written
  const Response first = c.read_response();
  const Response second = c.read_response();
  EXPECT_EQ(first.body, std::string(6 << 20, 'a'));
  EXPECT_EQ(second.body, std::string(6 << 20, 'b'));
}

TEST(Server, HonoursConnectionClose) {
  TestServer s(echo);
  Client c = s.client();
  c.send(post("bye", "Connection: close\r\n"));
  const Response r = c.read_response();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("Connection"), "close");
  EXPECT_TRUE(c.closed_by_server());
}

TEST(Server, ClosesAfterAnHttp10ReplyUnlessAskedToKeepAlive) {
  TestServer s(echo);
  Client once = s.client();
  once.send("POST /statefun HTTP/1.0\r\nContent-Length: 2\r\n\r\nhi");
  EXPECT_EQ(once.read_response().body, "echo:hi");
  EXPECT_TRUE(once.closed_by_server());

  Client kept = s.client();
  const std::string request =
      "POST /statefun HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nhi";
  kept.send(request);
  EXPECT_EQ(kept.read_response().header("Connection"), "keep-alive");
  kept.send(request);
  EXPECT_EQ(kept.read_response().body, "echo:hi");
}

TEST(Server, SendsContinueWhenTheClientExpectsIt) {
  TestServer s(echo);
  Client c = s.client();
  c.send("POST /statefun HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
  EXPECT_EQ(c.read_response().status, 100);
  c.send("body");
  EXPECT_EQ(c.read_response().body, "echo:body");
}

TEST(Server, RefusesAnExpectedBodyAtOnce) {
  TestServer s(echo);
  Client c = s.client();
  c.send("POST /other HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
  EXPECT_EQ(c.read_response().status, 404);
  EXPECT_TRUE(c.closed_by_server());
}

}  // namespace
}  // namespace statefun
