#include <sstream>

#include <gtest/gtest.h>

#include <statefun/address.hpp>
#include <statefun/error.hpp>

namespace statefun {
namespace {

TEST(Address, ParsesNamespaceTypeAndId) {
  const Address a = Address::parse("example/greeter/George");
  EXPECT_EQ(a.type, TypeName("example/greeter"));
  EXPECT_EQ(a.id, "George");
  EXPECT_EQ(a.str(), "example/greeter/George");
}

TEST(Address, IdKeepsFurtherSlashes) {
  const Address a = Address::parse("example/files/a/b/c");
  EXPECT_EQ(a.type.str(), "example/files");
  EXPECT_EQ(a.id, "a/b/c");
}

TEST(Address, RejectsMissingParts) {
  for (const char* bad : {"", "example", "example/greeter", "/greeter/x", "example//x"}) {
    try {
      Address::parse(bad);
      FAIL() << "accepted '" << bad << "'";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), errc::invalid_address) << bad;
    }
  }
}

TEST(Address, PrintsAsText) {
  std::ostringstream out;
  out << Address("example/greeter", "Ann");
  EXPECT_EQ(out.str(), "example/greeter/Ann");
}

}  // namespace
}  // namespace statefun
