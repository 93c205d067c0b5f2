#include <array>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <statefun/http/response_head.hpp>

namespace statefun::http {
namespace {

std::string head(const ResponseHead& response) {
  std::array<char, kMaxHeadBytes> out{};
  return {out.data(), format_head(response, "Sun, 06 Nov 1994 08:49:37 GMT", out)};
}

TEST(FormatHead, WritesASuccessWithExactlyOctetStream) {
  EXPECT_EQ(head({.status = 200, .content_length = 60}),
            "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 60\r\n"
            "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\n");
}

TEST(FormatHead, WritesErrorsAsTextWithAllowAndConnection) {
  EXPECT_EQ(head({.status = 405,
                  .body_type = BodyType::text,
                  .content_length = 3,
                  .connection = ConnectionHeader::keep_alive}),
            "HTTP/1.1 405 Method Not Allowed\r\nContent-Type: text/plain; charset=utf-8\r\n"
            "Content-Length: 3\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nAllow: POST\r\n"
            "Connection: keep-alive\r\n\r\n");
  EXPECT_THAT(head({.status = 413,
                    .body_type = BodyType::text,
                    .content_length = 18446744073709551615U,
                    .connection = ConnectionHeader::close}),
              testing::AllOf(testing::StartsWith("HTTP/1.1 413 Content Too Large\r\n"),
                             testing::HasSubstr("Content-Length: 18446744073709551615\r\n"),
                             testing::EndsWith("Connection: close\r\n\r\n")));
}

TEST(FormatHead, WritesAnUnlabelledBodyWithoutContentType) {
  EXPECT_EQ(head({.status = 200, .body_type = BodyType::unlabelled, .content_length = 5}),
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\n");
}

TEST(FormatHead, WritesJson) {
  EXPECT_EQ(head({.status = 200, .body_type = BodyType::json, .content_length = 2}),
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
            "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\n");
}

TEST(FormatHead, NamesEveryStatusItWrites) {
  for (const int status : {100, 200, 400, 404, 405, 408, 413, 415, 422, 431, 500, 501, 505}) {
    EXPECT_NE(reason_phrase(status), "Unknown") << status;
  }
}

TEST(DateClock, FormatsAnImfFixdate) {
  DateClock clock;
  EXPECT_THAT(std::string(clock.now()),
              testing::MatchesRegex("(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{2} "
                                    "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
                                    "20[0-9]{2} [0-2][0-9]:[0-5][0-9]:[0-6][0-9] GMT"));
}

TEST(RejectReason, ExplainsTheRefusal) {
  EXPECT_EQ(reject_reason(404, "/statefun"), "not found: functions are served at /statefun");
  EXPECT_EQ(reject_reason(405, "/statefun"), "only POST is supported");
  EXPECT_EQ(reject_reason(415, "/statefun"), "Content-Type must be application/octet-stream");
}

}  // namespace
}  // namespace statefun::http
