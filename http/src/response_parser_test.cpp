// The response side of MessageParser, as the clients use it.
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include <statefun/http/message_parser.hpp>

namespace statefun::http {
namespace {

using State = MessageParser::State;

constexpr MessageParser::Limits kLimits{.max_header_bytes = 1024, .max_body_bytes = 64};

/// Parses `data` in one call (then until done or error).
State parse_all(MessageParser& parser, std::string& data) {
  State state = parser.parse(data.data(), data.size());
  while (state == State::headers_done) {
    state = parser.parse(data.data(), data.size());
  }
  return state;
}

MessageParser response_parser() {
  return {MessageParser::Kind::response, kLimits};
}

TEST(ResponseParser, ParsesContentLengthAndContentType) {
  std::string data =
      "HTTP/1.1 200 OK\r\ncontent-type: Application/Octet-Stream\r\nContent-Length: "
      "5\r\n\r\nhelloEXTRA";
  MessageParser parser = response_parser();
  ASSERT_EQ(parse_all(parser, data), State::done);
  EXPECT_EQ(parser.status(), 200);
  EXPECT_EQ(parser.content_type(), "Application/Octet-Stream");
  EXPECT_TRUE(parser.keep_alive());
  EXPECT_EQ(parser.body(), "hello");
  EXPECT_EQ(parser.consumed(), data.size() - 5);
}

TEST(ResponseParser, NeedsMoreUntilEveryByteArrived) {
  const std::string data = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
  for (std::size_t n = 0; n < data.size(); ++n) {
    MessageParser parser = response_parser();
    std::string part = data.substr(0, n);
    EXPECT_EQ(parse_all(parser, part), State::need_more) << n;
  }
}

TEST(ResponseParser, DecodesChunkedBodies) {
  std::string data =
      "HTTP/1.1 500 Internal Server Error\r\nTransfer-Encoding: chunked\r\nContent-Type: "
      "text/plain\r\n\r\n"
      "4\r\nboom\r\n6\r\n today\r\n0\r\n\r\n";
  MessageParser parser = response_parser();
  ASSERT_EQ(parse_all(parser, data), State::done);
  EXPECT_EQ(parser.status(), 500);
  EXPECT_EQ(parser.body(), "boom today");
  EXPECT_EQ(parser.consumed(), data.size());
}

TEST(ResponseParser, NotesConnectionClose) {
  for (const auto& [head, keep_alive] : std::vector<std::pair<std::string, bool>>{
           {"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", false},
           {"HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", false},
           {"HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n", true},
           {"HTTP/1.1 200 OK\r\nConnection: x, Keep-Alive\r\nContent-Length: 0\r\n\r\n", true}}) {
    MessageParser parser = response_parser();
    std::string data = head;
    ASSERT_EQ(parse_all(parser, data), State::done) << head;
    EXPECT_EQ(parser.keep_alive(), keep_alive) << head;
  }
}

TEST(ResponseParser, ABodyWithoutLengthRunsUntilTheClose) {
  std::string data = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nbody";
  MessageParser parser = response_parser();
  ASSERT_EQ(parse_all(parser, data), State::need_more);
  EXPECT_FALSE(parser.keep_alive());
  data += " and more";
  ASSERT_EQ(parser.parse(data.data(), data.size()), State::need_more);
  ASSERT_EQ(parser.finish(data.data(), data.size()), State::done);
  EXPECT_EQ(parser.body(), "body and more");
}

TEST(ResponseParser, ABodyUntilTheCloseKeepsToTheLimit) {
  std::string data = "HTTP/1.1 200 OK\r\n\r\n" + std::string(65, 'x');
  MessageParser parser = response_parser();
  ASSERT_EQ(parse_all(parser, data), State::error);
  EXPECT_EQ(parser.error().reason, "response body too large");
}

TEST(ResponseParser, InterimAndEmptyStatusesHaveNoBody) {
  for (const char* head : {"HTTP/1.1 100 Continue\r\n\r\n",
                           "HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n",
                           "HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n"}) {
    MessageParser parser = response_parser();
    std::string data = head;
    ASSERT_EQ(parse_all(parser, data), State::done) << head;
    EXPECT_TRUE(parser.body().empty());
    EXPECT_EQ(parser.consumed(), data.size());
  }
}

TEST(ResponseParser, AClosedConnectionIsAnErrorWithinAMessage) {
  std::string data = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhel";
  MessageParser parser = response_parser();
  ASSERT_EQ(parse_all(parser, data), State::need_more);
  EXPECT_EQ(parser.finish(data.data(), data.size()), State::error);
  EXPECT_EQ(parser.error().reason, "closed within a message");
}

TEST(ResponseParser, RejectsWhatIsNotHttp) {
  for (const std::string bad :
       {"SSH-2.0-OpenSSH\r\n\r\n",
        "HTTP/1.1 2x0 OK\r\n\r\n",
        "HTTP/1.1 099 Low\r\n\r\n",
        "HTTP/1.1 200OK\r\n\r\n",
        "HTTP/2.0 200 OK\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: many\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 65\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffe\r\n"}) {
    MessageParser parser = response_parser();
    std::string data = bad;
    EXPECT_EQ(parse_all(parser, data), State::error) << bad;
    EXPECT_FALSE(parser.error().reason.empty()) << bad;
  }
}

TEST(ResponseParser, AcceptsAStatusLineWithoutReason) {
  std::string data = "HTTP/1.1 503\r\nContent-Length: 0\r\n\r\n";
  MessageParser parser = response_parser();
  ASSERT_EQ(parse_all(parser, data), State::done);
  EXPECT_EQ(parser.status(), 503);
}

}  // namespace
}  // namespace statefun::http
