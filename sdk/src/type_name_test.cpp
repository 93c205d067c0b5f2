
#include <functional>

#include <gtest/gtest.h>

#include <statefun/error.hpp>
#include <statefun/type_name.hpp>

namespace statefun {
namespace {

TEST(TypeName, SplitsAtTheLastSlash) {
  const TypeName t("example/greeter");
  EXPECT_EQ(t.ns(), "example");
  EXPECT_EQ(t.name(), "greeter");
  EXPECT_EQ(t.str(), "example/greeter");
  const TypeName google("type.googleapis.com/io.statefun.sdk.egress.KafkaProducerRecord");
  EXPECT_EQ(google.ns(), "type.googleapis.com");
  const TypeName nested("a/b/c");
  EXPECT_EQ(nested.ns(), "a/b");
  EXPECT_EQ(nested.name(), "c");
}

TEST(TypeName, RejectsMissingParts) {
  for (const char* bad : {"", "noslash", "/name", "namespace/", "/"}) {
    try {
      TypeName t(bad);
      FAIL() << "accepted '" << bad << "'";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), errc::invalid_type_name) << bad;
    }
  }
}

TEST(TypeName, BuildsFromParts) {
  EXPECT_EQ(TypeName("example", "person"), TypeName("example/person"));
  EXPECT_THROW(TypeName("", "person"), Error);
  EXPECT_THROW(TypeName("example", "a/b"), Error);
}

TEST(TypeName, ComparesAndHashes) {
  EXPECT_NE(TypeName("a/b"), TypeName("a/c"));
  EXPECT_LT(TypeName("a/b"), TypeName("a/c"));
  EXPECT_EQ(std::hash<TypeName>()(TypeName("a/b")), std::hash<TypeName>()(TypeName("a", "b")));
}

}  // namespace
}  // namespace statefun
