#include <stdexcept>

#include <gtest/gtest.h>

#include <statefun/http/url.hpp>

namespace statefun::http {
namespace {

TEST(Url, ParsesHostPortAndTarget) {
  const Url url = Url::parse("http://127.0.0.1:8000/statefun?x=1");
  EXPECT_EQ(url.host, "127.0.0.1");
  EXPECT_EQ(url.port, 8000);
  EXPECT_EQ(url.target, "/statefun?x=1");
  EXPECT_EQ(url.authority(), "127.0.0.1:8000");
  EXPECT_EQ(Url::parse("http://localhost").port, 80);
  EXPECT_EQ(Url::parse("http://localhost").target, "/");
  EXPECT_EQ(Url::parse("http://localhost/x").authority(), "localhost");
  EXPECT_EQ(Url::parse("http://[::1]:9/f").host, "::1");
  EXPECT_EQ(Url::parse("http://[::1]:9/f").authority(), "[::1]:9");
  EXPECT_EQ(Url::parse("http://[::1]:9/f").str(), "http://[::1]:9/f");
}

TEST(Url, RejectsWhatItCannotCall) {
  for (const char* bad : {"127.0.0.1:8000",
                          "https://h/x",
                          "http://:80/",
                          "http://h:0/",
                          "http://h:99999/",
                          "http://h:8x/",
                          "http://[::1/x"}) {
    EXPECT_THROW(Url::parse(bad), std::invalid_argument) << bad;
  }
}

}  // namespace
}  // namespace statefun::http
