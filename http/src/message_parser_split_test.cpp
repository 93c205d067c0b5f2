// MessageParser gives the same result however the bytes arrive: whole, or split in two at any
// point (the limits of the hardening issue's item 2 included).
#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <statefun/http/message_parser.hpp>

namespace statefun::http {
namespace {

using State = MessageParser::State;
using Kind = MessageParser::Kind;

constexpr MessageParser::Limits kLimits{.max_header_bytes = 1024, .max_body_bytes = 4096};

/// What parsing ended with: its state, error, body and size.
struct Outcome {
  State state = State::need_more;
  int status = 0;
  std::string reason;
  std::string body;
  std::size_t consumed = 0;

  friend bool operator==(const Outcome&, const Outcome&) = default;
};

void PrintTo(const Outcome& o, std::ostream* os) {
  *os << "state " << static_cast<int>(o.state) << ", error " << o.status << " '" << o.reason
      << "', body of " << o.body.size() << " bytes, consumed " << o.consumed;
}

/// Parses `input` arriving in two reads, the first of `split` bytes, in one buffer (as a
/// connection does), then the end of the stream.
Outcome parse_split(Kind kind, const std::string& input, std::size_t split) {
  MessageParser parser(kind, kLimits);
  std::string buffer = input;
  State state = State::need_more;
  for (const std::size_t size : {split, input.size()}) {
    state = parser.parse(buffer.data(), size);
    while (state == State::headers_done) {
      state = parser.parse(buffer.data(), size);
    }
    if (state == State::done || state == State::error) {
      break;
    }
  }
  if (state == State::need_more) {
    state = parser.finish(buffer.data(), buffer.size());
  }
  Outcome o;
  o.state = state;
  if (state == State::error) {
    o.status = parser.error().status;
    o.reason = std::string(parser.error().reason);
  } else {
    o.body = std::string(parser.body());
    o.consumed = parser.consumed();
  }
  return o;
}

/// Every split point of a short input, a sample of a long one (each split costs a parse).
std::vector<std::size_t> split_points(std::size_t size) {
  std::vector<std::size_t> points;
  const std::size_t step = size <= 2000 ? 1 : 97;
  for (std::size_t at = 0; at <= size; at += step) {
    points.push_back(at);
  }
  for (std::size_t back = 0; back < 8 && back <= size; ++back) {
    points.push_back(size - back);  // around the end, where the last line completes
  }
  return points;
}

void expect_split_independent(Kind kind, const std::string& input) {
  const Outcome whole = parse_split(kind, input, input.size());
  for (const std::size_t at : split_points(input.size())) {
    ASSERT_EQ(parse_split(kind, input, at), whole)
        << "split at " << at << " of " << input.size() << ": " << input.substr(0, 120);
  }
}

const std::string kRequestHead = "POST / HTTP/1.1\r\nHost: h\r\n";
const std::string kChunkedRequest = kRequestHead + "Transfer-Encoding: chunked\r\n\r\n";
const std::string kChunkedResponse = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";

std::vector<std::string> chunked_bodies() {
  return {
      "5\r\nhello\r\n0\r\n\r\n",
      "3;ext=1\r\nhel\r\n2 \r\nlo\r\n0\r\nTrailer: x\r\n\r\n",
      "5;ext=" + std::string(1100, 'e') + "\r\nhello\r\n0\r\n\r\n",  // chunk line over the limit
      "5;ext=" + std::string(1017, 'e') + "\r\nhello\r\n0\r\n\r\n",  // just within it
      "5;ext=" + std::string(1018, 'e') + "\r\nhello\r\n0\r\n\r\n",  // just over it
      "0\r\nT: " + std::string(1100, 't') + "\r\n\r\n",              // trailer over the limit
      "0\r\nT: " + std::string(1021, 't') + "\r\n\r\n",              // trailers at the limit
      "0\r\nT: " + std::string(1022, 't') + "\r\n\r\n",              // one byte over
      "0\r\nA: " + std::string(600, 'a') + "\r\nB: " + std::string(600, 'b') + "\r\n\r\n",
      "2\r\nabc\r\n0\r\n\r\n",  // data longer than its size
      "2\r\nab\rx\r\n0\r\n\r\n",
      "2\nab\n0\n\n",                                         // bare line feeds
      "1000\r\n" + std::string(4096, 'x') + "\r\n0\r\n\r\n",  // the whole body limit
      "1001\r\n" + std::string(4097, 'x') + "\r\n0\r\n\r\n",  // one over it
      "ffffffffffffffffffffffff\r\n",                         // a huge size
      "z\r\n",
      "0\r\nbad trailer\r\n\r\n",
  };
}

TEST(MessageParserSplit, RequestsGiveTheSameResultHoweverTheyArrive) {
  std::vector<std::string> inputs = {
      kRequestHead + "Content-Length: 5\r\n\r\nhello",
      kRequestHead + "Content-Length: 4097\r\n\r\n",
      kRequestHead + "X: " + std::string(1000, 'a') + "\r\n\r\n",  // the head over the limit
      kRequestHead + "X: " + std::string(989, 'a') + "\r\n\r\n",   // at it
      kRequestHead + "X: " + std::string(990, 'a') + "\r\n\r\n",   // one over
      "\r\n\nPOST / HTTP/1.1\nHost: h\nContent-Length: 2\n\nab",
      kRequestHead + "Bad Name: x\r\n\r\n",
      "POST / HTTP/2.0\r\n\r\n",
      kRequestHead + "Content-Length: 99999999999999999999999999\r\n\r\n",
  };
  for (const std::string& body : chunked_bodies()) {
    inputs.push_back(kChunkedRequest + body);
  }
  for (const std::string& input : inputs) {
    expect_split_independent(Kind::request, input);
  }
}

TEST(MessageParserSplit, ResponsesGiveTheSameResultHoweverTheyArrive) {
  std::vector<std::string> inputs = {
      "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
      "HTTP/1.1 200 OK\r\n\r\nuntil the close",
      "HTTP/1.1 200 OK\r\n\r\n" + std::string(4097, 'x'),
      "HTTP/1.1 100 Continue\r\n\r\n",
      "HTTP/1.1 204 No Content\r\nContent-Length: 7\r\n\r\n",
      "HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\ncut",
  };
  for (const std::string& body : chunked_bodies()) {
    inputs.push_back(kChunkedResponse + body);
  }
  for (const std::string& input : inputs) {
    expect_split_independent(Kind::response, input);
  }
}

TEST(MessageParserSplit, TheLimitsAreThoseOfTheWholeInput) {
  // The boundary cases above, judged whole: they show where each limit lies.
  const auto whole = [](Kind kind, const std::string& input) {
    return parse_split(kind, input, input.size());
  };
  const auto chunk_ext = [](std::size_t n) {
    return "5;ext=" + std::string(n, 'e') + "\r\nhello\r\n0\r\n\r\n";
  };
  EXPECT_EQ(whole(Kind::request, kChunkedRequest + chunk_ext(1018)).state, State::done);
  const Outcome over = whole(Kind::request, kChunkedRequest + chunk_ext(1019));
  EXPECT_EQ(over.state, State::error);
  EXPECT_EQ(over.reason, "chunk line too long");
  const auto trailer = [](std::size_t n) { return "0\r\nT: " + std::string(n, 't') + "\r\n\r\n"; };
  EXPECT_EQ(whole(Kind::request, kChunkedRequest + trailer(1021)).state, State::done);
  EXPECT_EQ(whole(Kind::request, kChunkedRequest + trailer(1022)).reason,
            "trailer section too large");
}

}  // namespace
}  // namespace statefun::http
