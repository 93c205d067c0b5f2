#include <string>
#include <string_view>
#include <variant>

#include <gtest/gtest.h>

#include <statefun/runtime/playground_ingress.hpp>

namespace statefun::runtime {
namespace {

IngressMessage message(std::string_view target,
                       std::string_view content_type = "",
                       std::string_view body = "") {
  auto read = read_playground_ingress(target, content_type, body);
  if (const auto* rejection = std::get_if<IngressRejection>(&read)) {
    ADD_FAILURE() << target << ": " << rejection->status << " " << rejection->reason;
    return {Address("failed/failed", "x"), {}};
  }
  return std::get<IngressMessage>(read);
}

IngressRejection rejection(std::string_view target, std::string_view content_type = "") {
  auto read = read_playground_ingress(target, content_type, "");
  if (const auto* r = std::get_if<IngressRejection>(&read)) {
    return *r;
  }
  ADD_FAILURE() << target << " was taken";
  return {};
}

TEST(PlaygroundIngress, ThePathNamesTheTargetAndTheContentTypeTheTypename) {
  const IngressMessage m =
      message("/example/person/Bob", "application/vnd.example/GreetRequest", R"({"name":"Bob"})");
  EXPECT_EQ(m.target, Address("example/person", "Bob"));
  EXPECT_EQ(m.argument.type_name, "example/GreetRequest");
  EXPECT_TRUE(m.argument.has_value);
  EXPECT_EQ(m.argument.value, R"({"name":"Bob"})");
  EXPECT_EQ(m.source, "http");
}

TEST(PlaygroundIngress, AnyOtherContentTypeIsARawStringAsThePlaygroundLabelsIt) {
  for (const std::string_view type :
       {"", "text/plain", "application/json", "APPLICATION/VND.x/y"}) {
    const IngressMessage m = message("/example/person/Bob", type, "hello");
    EXPECT_EQ(m.argument.type_name, "io.statefun.types/string") << type;
    EXPECT_EQ(m.argument.value, "hello") << "raw bytes, not the SDKs' string wrapper";
  }
}

TEST(PlaygroundIngress, DecodesSegmentsAndIgnoresTheQueryAndATrailingSlash) {
  EXPECT_EQ(message("/example/person/J%C3%BCrgen%20M").target.id, "J\xC3\xBCrgen M");
  EXPECT_EQ(message("/example/person/Bob/").target.id, "Bob");
  EXPECT_EQ(message("/example/person/Bob?trace=1").target.id, "Bob");
  EXPECT_EQ(message("/example/person/a%2Fb").target.id, "a/b");
  EXPECT_EQ(message("http://localhost:8090/example/person/Bob").target.id, "Bob");
}

TEST(PlaygroundIngress, RefusesAPathThatIsNotThreeSegmentsWithA404AndTheExpectedShape) {
  for (const std::string_view target : {"/",
                                        "/example",
                                        "/example/person",
                                        "/example/person/Bob/extra",
                                        "//person/Bob",
                                        "/example//Bob",
                                        "/ex%2Fample/person/Bob",
                                        "/example/person/%zz",
                                        "*"}) {
    const IngressRejection r = rejection(target);
    EXPECT_EQ(r.status, 404) << target;
    EXPECT_NE(r.reason.find("/namespace/type/id"), std::string::npos) << r.reason;
  }
}

TEST(PlaygroundIngress, RefusesAVendorTypeWithoutATypename) {
  const IngressRejection r = rejection("/example/person/Bob", "application/vnd.");
  EXPECT_EQ(r.status, 415);
  EXPECT_NE(r.reason.find("names no typename"), std::string::npos) << r.reason;
}

}  // namespace
}  // namespace statefun::runtime
