#include "http_response.hpp"

#include <gtest/gtest.h>

namespace statefun::load {
namespace {

ParseStatus parse_all(std::string_view data,
                      ResponseHead& head,
                      std::string& scratch,
                      std::string_view& body,
                      std::size_t& consumed) {
  const ParseStatus status = parse_head(data, head);
  return status == ParseStatus::complete ? parse_body(data, head, scratch, body, consumed) : status;
}

TEST(HttpResponse, ParsesContentLengthAndContentType) {
  const std::string data =
      "HTTP/1.1 200 OK\r\ncontent-type: Application/Octet-Stream\r\nContent-Length: "
      "5\r\n\r\nhelloEXTRA";
  ResponseHead head;
  std::string scratch;
  std::string_view body;
  std::size_t consumed = 0;
  ASSERT_EQ(parse_all(data, head, scratch, body, consumed), ParseStatus::complete);
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.octet_stream);
  EXPECT_FALSE(head.close);
  EXPECT_EQ(body, "hello");
  EXPECT_EQ(consumed, data.size() - 5);
}

TEST(HttpResponse, IsIncompleteUntilEveryByteArrived) {
  const std::string data = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
  for (std::size_t n = 0; n < data.size(); ++n) {
    ResponseHead head;
    std::string scratch;
    std::string_view body;
    std::size_t consumed = 0;
    EXPECT_EQ(parse_all(data.substr(0, n), head, scratch, body, consumed), ParseStatus::incomplete)
        << n;
  }
}

TEST(HttpResponse, DecodesChunkedBodies) {
  const std::string data =
      "HTTP/1.1 500 Internal Server Error\r\nTransfer-Encoding: chunked\r\nContent-Type: "
      "text/plain\r\n\r\n"
      "4\r\nboom\r\n6\r\n today\r\n0\r\n\r\n";
  ResponseHead head;
  std::string scratch;
  std::string_view body;
  std::size_t consumed = 0;
  ASSERT_EQ(parse_all(data, head, scratch, body, consumed), ParseStatus::complete);
  EXPECT_EQ(head.status, 500);
  EXPECT_FALSE(head.octet_stream);
  EXPECT_EQ(body, "boom today");
  EXPECT_EQ(consumed, data.size());
}

TEST(HttpResponse, NotesConnectionClose) {
  ResponseHead head;
  ASSERT_EQ(parse_head("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", head),
            ParseStatus::complete);
  EXPECT_TRUE(head.close);
  ASSERT_EQ(parse_head("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", head),
            ParseStatus::complete);
  EXPECT_TRUE(head.close);
  ASSERT_EQ(
      parse_head("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n", head),
      ParseStatus::complete);
  EXPECT_FALSE(head.close);
}

TEST(HttpResponse, RejectsWhatIsNotHttp) {
  ResponseHead head;
  EXPECT_EQ(parse_head("SSH-2.0-OpenSSH\r\n\r\n", head), ParseStatus::invalid);
  EXPECT_EQ(parse_head("HTTP/1.1 2x0 OK\r\n\r\n", head), ParseStatus::invalid);
  EXPECT_EQ(parse_head("HTTP/1.1 200 OK\r\nContent-Length: many\r\n\r\n", head),
            ParseStatus::invalid);
  std::string scratch;
  std::string_view body;
  std::size_t consumed = 0;
  const std::string no_length = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nbody";
  EXPECT_EQ(parse_all(no_length, head, scratch, body, consumed), ParseStatus::invalid);
}

}  // namespace
}  // namespace statefun::load
