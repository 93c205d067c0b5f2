#include <gtest/gtest.h>

#include <statefun/error.hpp>

namespace statefun {
namespace {

TEST(Error, KeepsItsCodeAndMessage) {
  const Error e(errc::invalid_address, "bad address 'x'");
  EXPECT_EQ(e.code(), errc::invalid_address);
  EXPECT_STREQ(e.what(), "bad address 'x'");
  EXPECT_STREQ(e.code().category().name(), "statefun");
}

TEST(Error, MapsToTheStatusTheServerAnswers) {
  EXPECT_EQ(http_status(errc::malformed_request), 400);
  EXPECT_EQ(http_status(errc::invalid_message), 422);
  EXPECT_EQ(http_status(errc::function_failed), 500);
  EXPECT_EQ(http_status(errc::unknown_function_type), 500);
  EXPECT_EQ(http_status(errc::type_mismatch), 500);
}

}  // namespace
}  // namespace statefun
