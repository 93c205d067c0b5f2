// The handler's request limits: counts and sizes beyond RequestLimits are refused with
// errc::request_too_large, naming the bound, before any function runs.

#include <cstddef>
#include <string>

#include "handler_test_support.hpp"

namespace statefun::handler_test {
namespace {

using testing::HasSubstr;

/// The error handle() throws for `request` under `limits`, or errc{} when it answers.
errc refusal(const RequestReplyHandler& handler,
             const Request& request,
             const RequestLimits& limits,
             std::string* what) {
  try {
    handler.handle(request.bytes(), limits);
  } catch (const Error& e) {
    *what = e.what();
    return static_cast<errc>(e.code().value());
  }
  return errc{};
}

Request invocations(std::size_t n) {
  Request request;
  request.all_state_empty();
  for (std::size_t i = 0; i < n; ++i) {
    request.invoke("x");
  }
  return request;
}

TEST(HandlerLimits, InvocationsUpToTheBoundRunBeyondItNoneDoes) {
  int runs = 0;
  const auto handler = handler_running([&](Context&, const Message&) { ++runs; });
  std::string what;
  EXPECT_EQ(refusal(handler, invocations(3), {.max_invocations = 3}, &what), errc{});
  EXPECT_EQ(runs, 3);
  EXPECT_EQ(refusal(handler, invocations(4), {.max_invocations = 3}, &what),
            errc::request_too_large);
  EXPECT_EQ(what, "the batch has more than 3 invocations (RequestLimits::max_invocations)");
  EXPECT_EQ(runs, 3);
}

TEST(HandlerLimits, StateEntriesBeyondTheBoundAreRefused) {
  const auto handler = handler_running([](Context&, const Message&) {});
  Request request = invocations(1);  // three entries
  std::string what;
  EXPECT_EQ(refusal(handler, request, {.max_state_entries = 3}, &what), errc{});
  request.state("extra", {});
  EXPECT_EQ(refusal(handler, request, {.max_state_entries = 3}, &what), errc::request_too_large);
  EXPECT_EQ(what, "the batch has more than 3 state entries (RequestLimits::max_state_entries)");
}

TEST(HandlerLimits, ValuesLargerThanTheBoundAreRefusedWithTheirPlace) {
  const auto handler = handler_running([](Context&, const Message&) {});
  const std::size_t argument_bytes = string_type().serialize("x").size();
  std::string what;
  EXPECT_EQ(refusal(handler, invocations(2), {.max_value_bytes = argument_bytes}, &what), errc{});
  EXPECT_EQ(refusal(handler, invocations(2), {.max_value_bytes = argument_bytes - 1}, &what),
            errc::request_too_large);
  EXPECT_EQ(what,
            "the argument of invocation 1 has " + std::to_string(argument_bytes) +
                " bytes, more than " + std::to_string(argument_bytes - 1) +
                " (RequestLimits::max_value_bytes)");

  Request request;
  request.state("count", {}).state("flag", {});
  request.state("log", TypedValue{"io.statefun.types/string", true, std::string(100, 'l')});
  request.invoke("");
  EXPECT_EQ(refusal(handler, request, {.max_value_bytes = 99}, &what), errc::request_too_large);
  EXPECT_THAT(what, HasSubstr("the value of state \"log\" has 100 bytes, more than 99"));
}

TEST(HandlerLimits, TheDefaultsRefuseABodyOfEmptyInvocations) {
  // 2 bytes on the wire each (field 3, length 0): what made a 32 MiB body cost gigabytes.
  const RequestLimits defaults;
  const std::size_t count = defaults.max_invocations + 1;
  pb::ToFunction::InvocationBatchRequest head;
  *head.mutable_target() = Request().proto().invocation().target();
  std::string batch = head.SerializeAsString();
  for (std::size_t i = 0; i < count; ++i) {
    batch += std::string("\x1a\x00", 2);
  }
  pb::ToFunction parsed;
  ASSERT_TRUE(parsed.mutable_invocation()->ParseFromString(batch));
  ASSERT_EQ(static_cast<std::size_t>(parsed.invocation().invocations_size()), count);

  const auto handler = handler_running([](Context&, const Message&) {});
  std::string what;
  EXPECT_EQ(error_of(handler, parsed.SerializeAsString(), &what), errc::request_too_large);
  EXPECT_THAT(what, HasSubstr("more than 10000 invocations"));
}

TEST(HandlerLimits, RequestTooLargeIsHttp413) {
  EXPECT_EQ(http_status(errc::request_too_large), 413);
  EXPECT_EQ(make_error_code(errc::request_too_large).message(), "request too large");
}

}  // namespace
}  // namespace statefun::handler_test
