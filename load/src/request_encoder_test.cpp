
#include "request_encoder.hpp"

#include <optional>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include <statefun/protocol/request.hpp>

namespace statefun::load {
namespace {

RequestKind person_kind() {
  RequestKind kind;
  kind.name = "person";
  kind.function_type = "example/person";
  kind.id = Template("user-{{seq}}");
  kind.state.push_back(
      {"visits", TypedValue{"io.statefun.types/int", true, std::string("\x0D\x02\0\0\0", 5)}});
  kind.state.push_back({"seen", std::nullopt});
  kind.caller = Address::parse("example/ingress/x");
  kind.arguments.push_back(
      {"example/GreetRequest", Template(R"({"name":"{{choice Ann Bob}}"})"), true});
  kind.arguments.push_back({"io.statefun.types/int", Template("{{randint 5 5}}"), true});
  kind.arguments.push_back({"io.statefun.types/string", Template(R"("hi")"), true});
  return kind;
}

TEST(RequestEncoder, BodyDecodesToTheRenderedRequest) {
  const RequestKind kind = person_kind();
  RequestEncoder encoder("127.0.0.1:8000", "/statefun");
  Random random(5);
  std::string body;
  encoder.encode_body(kind, {random, 7}, body);
  const protocol::Request decoded = protocol::decode_request(body);
  EXPECT_EQ(decoded.target, Address::parse("example/person/user-7"));
  EXPECT_EQ(decoded.state, kind.state);
  ASSERT_EQ(decoded.invocations.size(), 3U);
  EXPECT_EQ(decoded.invocations[0].caller, kind.caller);
  EXPECT_TRUE(decoded.invocations[0].argument.value == R"({"name":"Ann"})" ||
              decoded.invocations[0].argument.value == R"({"name":"Bob"})");
  EXPECT_EQ(decoded.invocations[1].argument,
            (TypedValue{"io.statefun.types/int", true, std::string("\x0D\x05\0\0\0", 5)}));
  EXPECT_EQ(decoded.invocations[2].argument,
            (TypedValue{"io.statefun.types/string", true, "\x0A\x02hi"}));
}

TEST(RequestEncoder, MatchesTheTestKitEncodingOfTheSampleRequest) {
  const RequestKind kind = person_kind();
  const protocol::Request sample = sample_request(kind, 11);
  RequestEncoder encoder("h", "/");
  Random random(11);
  std::string body;
  encoder.encode_body(kind, {random, 0}, body);
  EXPECT_EQ(protocol::decode_request(body), sample);
}

TEST(RequestEncoder, WritesAPlaygroundIngressPutOfTheMessage) {
  RequestKind kind;
  kind.function_type = "example/person";
  kind.id = Template("Ann {{seq}}/x");
  kind.arguments.push_back({"example/GreetRequest", Template(R"({"name":"Ann {{seq}}"})"), true});
  RequestEncoder encoder("127.0.0.1:8090", "/");
  Random random(1);
  std::string out;
  encoder.encode_ingress(kind, {random, 4}, out);
  EXPECT_EQ(out,
            "PUT /example/person/Ann%204%2Fx HTTP/1.1\r\nHost: 127.0.0.1:8090\r\n"
            "User-Agent: sft-load\r\nContent-Type: application/vnd.example/GreetRequest\r\n"
            "Content-Length: 16\r\n\r\n{\"name\":\"Ann 4\"}");

  // under a path, and a built-in value sent in its wrapper as the function would get it
  RequestKind number;
  number.function_type = "example/counter";
  number.id = Template("c");
  number.arguments.push_back({"io.statefun.types/int", Template("5"), true});
  RequestEncoder prefixed("h", "/ingress/");
  prefixed.encode_ingress(number, {random, 1}, out);
  EXPECT_TRUE(out.starts_with("PUT /ingress/example/counter/c HTTP/1.1\r\n")) << out;
  EXPECT_TRUE(out.ends_with(std::string("Content-Length: 5\r\n\r\n\x0D\x05\0\0\0", 26))) << out;
}

TEST(RequestEncoder, WritesAPostWithTheBodysLength) {
  RequestKind kind;
  kind.function_type = "example/greeter";
  kind.id = Template("George");
  kind.arguments.push_back(
      {"example/GreetRequest", Template(R"({"visits":{{randint 1 3}}})"), true});
  RequestEncoder encoder("127.0.0.1:8000", "/statefun");
  Random random(1);
  std::string out;
  encoder.encode(kind, {random, 0}, out);
  const auto blank = out.find("\r\n\r\n");
  ASSERT_NE(blank, std::string::npos);
  const std::string head = out.substr(0, blank);
  const std::string body = out.substr(blank + 4);
  EXPECT_TRUE(head.starts_with("POST /statefun HTTP/1.1\r\nHost: 127.0.0.1:8000\r\n"));
  EXPECT_NE(head.find("Content-Type: application/octet-stream"), std::string::npos);
  EXPECT_NE(head.find("Content-Length: " + std::to_string(body.size())), std::string::npos);
  EXPECT_EQ(protocol::decode_request(body).target.id, "George");
}

TEST(RequestEncoder, BuiltinsEncodeLikeTheWrappers) {
  std::string out;
  encode_builtin("io.statefun.types/int", "0", out);
  EXPECT_EQ(out, "");  // proto3 writes no default value
  encode_builtin("io.statefun.types/long", "1", out);
  EXPECT_EQ(out, std::string("\x09\x01\0\0\0\0\0\0\0", 9));
  encode_builtin("io.statefun.types/bool", "true", out);
  EXPECT_EQ(out, "\x08\x01");
  EXPECT_THROW(encode_builtin("io.statefun.types/int", "4000000000", out), std::invalid_argument);
  EXPECT_THROW(encode_builtin("io.statefun.types/bool", "{", out), std::invalid_argument);
}

TEST(RequestKind, SampleRequestRejectsInvalidJson) {
  RequestKind kind;
  kind.function_type = "example/greeter";
  kind.arguments.push_back({"example/GreetRequest", Template("{visits: {{randint 1 3}}}"), true});
  EXPECT_THROW(sample_request(kind), std::invalid_argument);
}

}  // namespace
}  // namespace statefun::load
