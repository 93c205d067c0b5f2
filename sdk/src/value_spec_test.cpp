
#include <chrono>
#include <cstdint>
#include <string>

#include <gtest/gtest.h>

#include <statefun/error.hpp>
#include <statefun/value_spec.hpp>

namespace statefun {
namespace {

using std::chrono::milliseconds;

TEST(ValueSpec, CarriesNameTypeAndExpiration) {
  const ValueSpec<std::int32_t> visits("visits", int_type());
  EXPECT_EQ(visits.name(), "visits");
  EXPECT_EQ(visits.type_name().str(), "io.statefun.types/int");
  EXPECT_EQ(visits.expiration().mode, Expiration::Mode::none);

  const ValueSpec<std::string> seen(
      "last_seen", string_type(), Expiration::after_call(milliseconds(1500)));
  EXPECT_EQ(seen.expiration(), Expiration::after_call(milliseconds(1500)));
}

TEST(ValueSpec, AcceptsIdentifierNames) {
  for (const char* good : {"a", "_", "visits", "Visits_2", "_private", "x9"}) {
    EXPECT_NO_THROW(ValueSpec<bool>(good, bool_type())) << good;
  }
}

TEST(ValueSpec, RejectsOtherNames) {
  for (const char* bad : {"", "9lives", "with-dash", "with space", "dot.ted", "é"}) {
    try {
      ValueSpec<bool> spec(bad, bool_type());
      FAIL() << "accepted '" << bad << "'";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), errc::invalid_value_spec) << bad;
    }
  }
}

TEST(ValueSpec, RejectsAnExpirationWithoutDuration) {
  EXPECT_THROW(ValueSpec<bool>("a", bool_type(), Expiration::after_write(milliseconds(0))), Error);
  EXPECT_THROW(ValueSpec<bool>("a", bool_type(), Expiration::after_call(milliseconds(-5))), Error);
}

}  // namespace
}  // namespace statefun
