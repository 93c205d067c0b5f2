#include "output.hpp"

#include <optional>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <statefun/protocol/json_form.hpp>

namespace statefun::cli {
namespace {

using testing::HasSubstr;

TEST(Output, ValueLinesShowTypenameAndDecodedValue) {
  EXPECT_EQ(value_line(protocol::make_typed_value("io.statefun.types/int", 3)),
            "io.statefun.types/int 3");
  EXPECT_EQ(value_line(TypedValue{"example/T", true, "plain"}), "example/T text \"plain\"");
  EXPECT_EQ(value_line(TypedValue{"example/T", false, ""}), "example/T (no value)");
}

TEST(Output, ResponsesPrintOneEffectPerLine) {
  protocol::Response r;
  r.kind = protocol::Response::Kind::invocation_result;
  r.egress.push_back(
      {"io.statefun.playground/egress",
       protocol::make_typed_value("io.statefun.playground/EgressRecord",
                                  {{"topic", "greetings"}, {"payload", "Welcome George"}})});
  r.mutations.push_back({protocol::StateMutation::Kind::remove, "visits", std::nullopt});
  std::ostringstream out;
  print_response_text(out, r);
  EXPECT_EQ(out.str(),
            "invocation result:\n"
            "  egress   -> io.statefun.playground/egress  io.statefun.playground/EgressRecord "
            "{\"payload\":\"Welcome George\",\"topic\":\"greetings\"}\n"
            "  state    visits deleted\n");
}

TEST(Output, MissingStateIsListed) {
  protocol::Response r;
  r.kind = protocol::Response::Kind::incomplete_invocation_context;
  r.missing_values.push_back(
      {"visits", "io.statefun.types/int", Expiration::Mode::after_call, 500});
  std::ostringstream out;
  print_response_text(out, r);
  EXPECT_THAT(out.str(), HasSubstr("visits  io.statefun.types/int  expires after call 500 ms"));
}

}  // namespace
}  // namespace statefun::cli
