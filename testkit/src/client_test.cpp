
#include <string_view>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <statefun/testkit/client.hpp>
#include <statefun/testkit/matchers.hpp>

#include "test_functions.hpp"

namespace statefun::testkit {
namespace {

int status_of(Client& client, std::string_view bytes) {
  try {
    client.call_bytes(bytes);
  } catch (const CallError& e) {
    EXPECT_EQ(e.kind(), CallErrorKind::status);
    return e.status();
  }
  return 200;
}

TEST(InProcessClient, CallsTheHandler) {
  InProcessClient client(statefun::test::make_test_handler());
  const protocol::Response r =
      client.call(protocol::RequestBuilder("example/echo/e")
                      .with_invocation(int_type(), 5, Address("example/caller", "c"))
                      .build());
  EXPECT_THAT(r, SendsMessageTo("example/caller/c", IntValue(5)));
}

TEST(InProcessClient, MapsErrorsToTheServerStatuses) {
  InProcessClient client(statefun::test::make_test_handler());
  EXPECT_EQ(status_of(client, "\xFF\xFF"), 400);
  EXPECT_EQ(
      status_of(
          client,
          protocol::RequestBuilder("example/nobody/x").with_invocation(int_type(), 1).bytes()),
      500);
  EXPECT_EQ(status_of(client,
                      protocol::RequestBuilder("example/counter/x")
                          .with_empty_state("n")
                          .with_invocation(string_type(), "boom")
                          .bytes()),
            500);
}

TEST(CallErrorKind, HasShortNames) {
  EXPECT_EQ(to_string(CallErrorKind::content_type), "content-type");
  EXPECT_EQ(to_string(CallErrorKind::connect), "connect");
}

}  // namespace
}  // namespace statefun::testkit
