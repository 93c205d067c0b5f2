// Payload flags: what they build, and how the command line is read into them.
#include "payload_options.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <statefun/protocol/json_form.hpp>

#include "exit_codes.hpp"

namespace statefun::cli {
namespace {

using testing::HasSubstr;

std::string usage_error(const PayloadOptions& o) {
  try {
    build_request(o);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "accepted";
}

TEST(PayloadOptions, JsonArgumentOfAUserTypeCarriesTheText) {
  PayloadOptions o;
  o.address = "example/greeter/George";
  o.type = "example/GreetRequest";
  o.json = {R"({"name":"George","visits":3})"};
  const auto request = build_request(o);
  EXPECT_EQ(request.target.str(), "example/greeter/George");
  ASSERT_EQ(request.invocations.size(), 1U);
  EXPECT_EQ(request.invocations[0].argument,
            (TypedValue{"example/GreetRequest", true, R"({"name":"George","visits":3})"}));
  EXPECT_EQ(request.invocations[0].caller, std::nullopt);
}

TEST(PayloadOptions, BuiltInsUseTheirWrappers) {
  PayloadOptions o;
  o.address = "example/counter/a";
  o.ints = {"1", "-1"};
  const auto request = build_request(o);
  ASSERT_EQ(request.invocations.size(), 2U);
  EXPECT_EQ(request.invocations[0].argument,
            (TypedValue{"io.statefun.types/int", true, std::string("\x0D\x01\0\0\0", 5)}));
  EXPECT_EQ(request.invocations[1].argument.value, std::string("\x0D\xFF\xFF\xFF\xFF", 5));

  PayloadOptions s;
  s.address = "example/counter/a";
  s.type = "string";
  s.text = {"hi"};
  EXPECT_EQ(build_request(s).invocations[0].argument.value, "\x0A\x02hi");
}

TEST(PayloadOptions, StateCallerAndBatch) {
  PayloadOptions o;
  o.address = "example/person/George";
  o.type = "example/GreetRequest";
  o.json = {R"({"name":"George"})"};
  o.state = {"visits:int=2", "seen", "nick:string=Geo", "tags:example/Tags=[1,2]"};
  o.caller = "example/ingress/x";
  o.batch = 3;
  const auto request = build_request(o);
  EXPECT_EQ(request.invocations.size(), 3U);
  EXPECT_EQ(request.invocations[2].caller, Address("example/ingress", "x"));
  ASSERT_EQ(request.state.size(), 4U);
  EXPECT_EQ(request.state[0].value,
            (TypedValue{"io.statefun.types/int", true, std::string("\x0D\x02\0\0\0", 5)}));
  EXPECT_EQ(request.state[1].name, "seen");
  EXPECT_EQ(request.state[1].value, std::nullopt);
  EXPECT_EQ(protocol::to_json(*request.state[2].value)["value"], "Geo");
  EXPECT_EQ(request.state[3].value->value, "[1,2]");
}

TEST(PayloadOptions, ExplainsMistakesInOneLine) {
  PayloadOptions o;
  EXPECT_THAT(usage_error(o), HasSubstr("no ADDRESS"));
  o.address = "example/greeter";
  o.json = {"{}"};
  o.type = "example/X";
  EXPECT_THAT(usage_error(o), HasSubstr("address: invalid address"));
  o.address = "example/greeter/George";
  o.type = "";
  EXPECT_THAT(usage_error(o), HasSubstr("--json needs --type"));
  o.type = "example/X";
  o.json = {"{not json"};
  EXPECT_THAT(usage_error(o), HasSubstr("is not valid JSON"));
  o.json = {};
  EXPECT_THAT(usage_error(o), HasSubstr("no argument"));
  o.ints = {"2147483648"};
  o.type = "";
  EXPECT_THAT(usage_error(o), HasSubstr("needs an integer from -2147483648 to 2147483647"));
  o.ints = {"1"};
  o.strings = {"x"};
  EXPECT_THAT(usage_error(o), HasSubstr("one kind of value flag"));
  o.strings = {};
  o.state = {"visits=2"};
  EXPECT_THAT(usage_error(o), HasSubstr("a value needs its type"));
  o.state = {};
  o.type = "long";
  EXPECT_THAT(
      usage_error(o),
      HasSubstr("--int is a io.statefun.types/int, but --type says io.statefun.types/long"));
}

/// Parses `args` (without the program name) into fresh payload options.
PayloadOptions parsed(std::vector<std::string> args) {
  CLI::App app;
  PayloadOptions o;
  add_payload_options(app, o);
  std::reverse(args.begin(), args.end());  // CLI11 takes them last first
  app.parse(args);
  return o;
}

TEST(PayloadOptions, AJsonFlagValueIsOneDocumentAsWritten) {
  const PayloadOptions o = parsed({"example/greeter/a",
                                   "--json",
                                   R"([{"name":"a"},{"name":"b"}])",
                                   "--json",
                                   "[[1]]",
                                   "--string",
                                   "[x,y]"});
  EXPECT_EQ(o.json, (std::vector<std::string>{R"([{"name":"a"},{"name":"b"}])", "[[1]]"}));
  EXPECT_EQ(o.strings, (std::vector<std::string>{"[x,y]"}));
}

TEST(PayloadOptions, AFlagTakesOneValueRepeatItForMore) {
  EXPECT_EQ(parsed({"example/counter/a", "--int", "1", "--int", "2"}).ints,
            (std::vector<std::string>{"1", "2"}));
  EXPECT_THROW(parsed({"example/counter/a", "--int", "1", "2"}), CLI::ParseError);
}

}  // namespace
}  // namespace statefun::cli
