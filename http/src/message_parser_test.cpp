// The request side of MessageParser, as the server uses it.
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include <statefun/http/message_parser.hpp>
#include <statefun/http/syntax.hpp>

namespace statefun::http {
namespace {

using State = MessageParser::State;
using Kind = MessageParser::Kind;

constexpr MessageParser::Limits kLimits{.max_header_bytes = 1024, .max_body_bytes = 64};

/// A request parser with the test limits.
class RequestParser : public MessageParser {
 public:
  explicit RequestParser(Limits limits) : MessageParser(Kind::request, limits) {}
};

const std::string kPost =
    "POST /statefun?x=1 HTTP/1.1\r\nHost: h\r\nContent-Type: application/octet-stream\r\n"
    "Content-Length: 5\r\n\r\nhello";

const std::string kChunked =
    "POST /statefun HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
    "3;ext=1\r\nhel\r\n2 \r\nlo\r\n0\r\nTrailer: x\r\n\r\n";

/// Feeds `request` in one call, then until done or error; returns the final state.
State parse_all(RequestParser& parser, std::string& request) {
  State state = parser.parse(request.data(), request.size());
  while (state == State::headers_done) {
    state = parser.parse(request.data(), request.size());
  }
  return state;
}

/// Feeds `request` one more byte per call; returns the final state and checks the steps.
State parse_bytewise(RequestParser& parser, std::string& buffer, std::string_view request) {
  State state = State::need_more;
  for (std::size_t n = 1; n <= request.size(); ++n) {
    buffer.assign(buffer.substr(0, n - 1)).push_back(request[n - 1]);
    state = parser.parse(buffer.data(), buffer.size());
    while (state == State::headers_done) {
      state = parser.parse(buffer.data(), buffer.size());
    }
    if (state != State::need_more) {
      EXPECT_EQ(n, request.size()) << "stopped early at byte " << n;
      return state;
    }
  }
  return state;
}

TEST(RequestParser, ParsesAContentLengthRequest) {
  RequestParser parser(kLimits);
  std::string request = kPost + "GET";  // the start of a pipelined request
  std::string head = kPost.substr(0, kPost.find("\r\n\r\n"));
  ASSERT_EQ(parser.parse(head.data(), head.size()), State::need_more);
  EXPECT_EQ(parser.expected_bytes(), 0U);  // not before the head is complete and checked
  ASSERT_EQ(parser.parse(request.data(), request.size()), State::headers_done);
  EXPECT_EQ(parser.method(), "POST");
  EXPECT_EQ(parser.target(), "/statefun?x=1");
  EXPECT_EQ(parser.content_type(), "application/octet-stream");
  EXPECT_TRUE(parser.has_body());
  EXPECT_TRUE(parser.keep_alive());
  EXPECT_FALSE(parser.http10());
  EXPECT_FALSE(parser.expect_continue());
  EXPECT_EQ(parser.expected_bytes(), kPost.size());
  ASSERT_EQ(parser.parse(request.data(), request.size()), State::done);
  EXPECT_EQ(parser.body(), "hello");
  EXPECT_EQ(parser.consumed(), kPost.size());
}

TEST(RequestParser, ParsesEverySplitOfAContentLengthRequest) {
  for (std::size_t split = 0; split <= kPost.size(); ++split) {
    RequestParser parser(kLimits);
    std::string buffer = kPost.substr(0, split);
    State state = parser.parse(buffer.data(), buffer.size());
    buffer = kPost;
    while (state != State::done && state != State::error) {
      state = parser.parse(buffer.data(), buffer.size());
    }
    ASSERT_EQ(state, State::done) << "split at " << split;
    EXPECT_EQ(parser.body(), "hello");
  }
}

TEST(RequestParser, ParsesAContentLengthRequestByteByByte) {
  RequestParser parser(kLimits);
  std::string buffer;
  ASSERT_EQ(parse_bytewise(parser, buffer, kPost), State::done);
  EXPECT_EQ(parser.body(), "hello");
  EXPECT_EQ(parser.target(), "/statefun?x=1");
}

TEST(RequestParser, DecodesAChunkedBodyInPlace) {
  RequestParser parser(kLimits);
  std::string request = kChunked + "POST";
  ASSERT_EQ(parse_all(parser, request), State::done);
  EXPECT_EQ(parser.body(), "hello");
  EXPECT_EQ(parser.consumed(), kChunked.size());
  EXPECT_EQ(parser.expected_bytes(), 0U);
}

TEST(RequestParser, DecodesAChunkedBodyByteByByte) {
  RequestParser parser(kLimits);
  std::string buffer;
  ASSERT_EQ(parse_bytewise(parser, buffer, kChunked), State::done);
  EXPECT_EQ(parser.body(), "hello");
  EXPECT_EQ(parser.consumed(), kChunked.size());
}

TEST(RequestParser, AcceptsBareLineFeedsAndLeadingEmptyLines) {
  RequestParser parser(kLimits);
  std::string request = "\r\n\nPOST / HTTP/1.1\nHost: h\nContent-Length: 2\n\nab";
  ASSERT_EQ(parse_all(parser, request), State::done);
  EXPECT_EQ(parser.body(), "ab");
  EXPECT_EQ(parser.method(), "POST");
}

TEST(RequestParser, ReadsConnectionAndExpect) {
  RequestParser parser(kLimits);
  std::string request =
      "POST / HTTP/1.1\r\nHost: h\r\nconnection: Upgrade, CLOSE\r\n"
      "EXPECT: 100-Continue\r\nContent-Length: 1\r\n\r\n";
  ASSERT_EQ(parser.parse(request.data(), request.size()), State::headers_done);
  EXPECT_FALSE(parser.keep_alive());
  EXPECT_TRUE(parser.expect_continue());
}

TEST(RequestParser, Http10ClosesUnlessAskedToKeepAlive) {
  RequestParser plain(kLimits);
  std::string request = "POST / HTTP/1.0\r\nExpect: 100-continue\r\n\r\n";
  ASSERT_EQ(parse_all(plain, request), State::done);
  EXPECT_TRUE(plain.http10());
  EXPECT_FALSE(plain.keep_alive());
  EXPECT_FALSE(plain.expect_continue());  // ignored in HTTP/1.0
  EXPECT_TRUE(plain.body().empty());

  RequestParser keep(kLimits);
  request = "POST / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n";
  ASSERT_EQ(parse_all(keep, request), State::done);
  EXPECT_TRUE(keep.keep_alive());
}

TEST(RequestParser, ResetParsesTheNextRequest) {
  RequestParser parser(kLimits);
  std::string buffer = kPost + kChunked;
  ASSERT_EQ(parse_all(parser, buffer), State::done);
  const std::size_t first = parser.consumed();
  parser.reset();
  std::string rest = buffer.substr(first);
  ASSERT_EQ(parse_all(parser, rest), State::done);
  EXPECT_EQ(parser.body(), "hello");
  EXPECT_EQ(parser.consumed(), rest.size());
}

struct BadRequest {
  std::string request;
  int status;
};

class RequestParserRejects : public testing::TestWithParam<BadRequest> {};

TEST_P(RequestParserRejects, WithItsStatus) {
  RequestParser parser(kLimits);
  std::string request = GetParam().request;
  ASSERT_EQ(parse_all(parser, request), State::error) << request;
  EXPECT_EQ(parser.error().status, GetParam().status) << request;
  EXPECT_FALSE(parser.error().reason.empty());
  EXPECT_EQ(parser.parse(request.data(), request.size()), State::error);  // stays failed
}

const std::string kHead = "POST / HTTP/1.1\r\nHost: h\r\n";

INSTANTIATE_TEST_SUITE_P(
    BadRequests,
    RequestParserRejects,
    testing::Values(
        BadRequest{"POST /\r\n\r\n", 400},
        BadRequest{"POST  / HTTP/1.1\r\n\r\n", 400},
        BadRequest{"POST / HTTP/1.1 \r\n\r\n", 400},
        BadRequest{"PO(ST / HTTP/1.1\r\n\r\n", 400},
        BadRequest{"POST /a\x01 HTTP/1.1\r\n\r\n", 400},
        BadRequest{"POST / HTTX/1.1\r\n\r\n", 400},
        BadRequest{"POST / HTTP/2.0\r\n\r\n", 505},
        BadRequest{"POST / HTTP/1.1\r\n\r\n", 400},      // no Host
        BadRequest{kHead + "Host: again\r\n\r\n", 400},  // two Hosts
        BadRequest{kHead + "Bad Name: x\r\n\r\n", 400},
        BadRequest{kHead + "NoColon\r\n\r\n", 400},
        BadRequest{kHead + "X: a\r\n folded\r\n\r\n", 400},
        BadRequest{kHead + "X: a\x7f\r\n\r\n", 400},
        BadRequest{kHead + "Content-Length: -1\r\n\r\n", 400},
        BadRequest{kHead + "Content-Length: 1, 1\r\n\r\n", 400},
        BadRequest{kHead + "Content-Length: 1\r\nContent-Length: 2\r\n\r\n", 400},
        BadRequest{kHead + "Content-Length: 65\r\n\r\n", 413},
        BadRequest{kHead + "Content-Length: 99999999999999999999999999\r\n\r\n", 413},
        BadRequest{kHead + "Transfer-Encoding: gzip, chunked\r\n\r\n", 501},
        BadRequest{kHead + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n", 400},
        BadRequest{"POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 400},
        BadRequest{kHead + "Transfer-Encoding: chunked\r\n\r\nz\r\n", 400},
        BadRequest{kHead + "Transfer-Encoding: chunked\r\n\r\n\r\n", 400},
        BadRequest{kHead + "Transfer-Encoding: chunked\r\n\r\n1x\r\n", 400},
        BadRequest{kHead + "Transfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n", 400},
        BadRequest{kHead + "Transfer-Encoding: chunked\r\n\r\n41\r\n", 413},
        BadRequest{kHead + "Transfer-Encoding: chunked\r\n\r\n20\r\n" + std::string(32, 'a') +
                       "\r\n21\r\n",
                   413},
        BadRequest{kHead + "Transfer-Encoding: chunked\r\n\r\nffffffffffffffffffff\r\n", 413},
        BadRequest{kHead + "Transfer-Encoding: chunked\r\n\r\n0\r\nbad trailer\r\n\r\n", 400},
        BadRequest{kHead + "X: " + std::string(1024, 'a') + "\r\n\r\n", 431}));

TEST(RequestParser, RejectsAnUnterminatedHeadOverTheLimit) {
  RequestParser parser(kLimits);
  std::string request = kHead + "X: " + std::string(1100, 'a');
  EXPECT_EQ(parser.parse(request.data(), request.size()), State::error);
  EXPECT_EQ(parser.error().status, 431);
}

TEST(RequestParser, RejectsTooMuchChunkOverhead) {
  RequestParser parser({.max_header_bytes = 1024, .max_body_bytes = std::size_t{64} * 1024});
  std::string request = kHead + "Transfer-Encoding: chunked\r\n\r\n";
  while (request.size() < std::size_t{200} * 1024) {
    request += "1;padding-padding-padding-padding\r\nx\r\n";
  }
  EXPECT_EQ(parse_all(parser, request), State::error);
  EXPECT_EQ(parser.error().status, 400);
}

TEST(TargetPath, DropsQueryFragmentAndAuthority) {
  EXPECT_EQ(target_path("/statefun"), "/statefun");
  EXPECT_EQ(target_path("/statefun?a=b"), "/statefun");
  EXPECT_EQ(target_path("/statefun#x"), "/statefun");
  EXPECT_EQ(target_path("http://example.com:8000/statefun?q"), "/statefun");
  EXPECT_EQ(target_path("http://example.com"), "/");
  EXPECT_EQ(target_path("*"), "*");
}

TEST(IsOctetStream, ComparesTheMediaTypeCaseInsensitively) {
  EXPECT_TRUE(is_octet_stream("application/octet-stream"));
  EXPECT_TRUE(is_octet_stream("Application/Octet-Stream"));
  EXPECT_TRUE(is_octet_stream("application/octet-stream ; x=y"));
  EXPECT_FALSE(is_octet_stream("application/octet-streamx"));
  EXPECT_FALSE(is_octet_stream("text/plain"));
  EXPECT_FALSE(is_octet_stream(""));
}

}  // namespace
}  // namespace statefun::http
