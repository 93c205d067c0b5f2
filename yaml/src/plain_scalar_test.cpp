#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include <gtest/gtest.h>

#include <statefun/yaml/plain_scalar.hpp>

namespace statefun::yaml {
namespace {

using nlohmann::json;

TEST(PlainScalar, CoreSchemaWords) {
  EXPECT_TRUE(resolve_plain("").is_null());
  EXPECT_TRUE(resolve_plain("~").is_null());
  EXPECT_TRUE(resolve_plain("Null").is_null());
  EXPECT_EQ(resolve_plain("TRUE"), true);
  EXPECT_EQ(resolve_plain("false"), false);
  EXPECT_EQ(resolve_plain("yes"), "yes");  // YAML 1.1's booleans are strings in 1.2
}

TEST(PlainScalar, Integers) {
  EXPECT_EQ(resolve_plain("42"), 42);
  EXPECT_EQ(resolve_plain("+42"), 42);
  EXPECT_EQ(resolve_plain("-9223372036854775808"), std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(resolve_plain("18446744073709551615"), std::numeric_limits<std::uint64_t>::max());
  EXPECT_TRUE(resolve_plain("18446744073709551615").is_number_unsigned());
  EXPECT_EQ(resolve_plain("0x1f"), 31);
  EXPECT_EQ(resolve_plain("0o17"), 15);
  EXPECT_EQ(resolve_plain("0xffffffffffffffff"), std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(resolve_plain("0x"), "0x");
  EXPECT_EQ(resolve_plain("-0x1"), "-0x1");  // the core schema's hex has no sign
}

TEST(PlainScalar, IntegersBeyond64BitsBecomeDoubles) {
  const json value = resolve_plain("123456789012345678901234567890");
  ASSERT_TRUE(value.is_number_float());
  EXPECT_DOUBLE_EQ(value.get<double>(), 1.2345678901234568e29);
}

TEST(PlainScalar, Floats) {
  EXPECT_EQ(resolve_plain("1.5"), 1.5);
  EXPECT_EQ(resolve_plain("+.5"), 0.5);
  EXPECT_EQ(resolve_plain("-2."), -2.0);
  EXPECT_EQ(resolve_plain("1.5e3"), 1500.0);
  EXPECT_EQ(resolve_plain("1E-2"), 0.01);
  EXPECT_EQ(resolve_plain("1e"), "1e");
  EXPECT_EQ(resolve_plain("1.2.3"), "1.2.3");
  EXPECT_EQ(resolve_plain("."), ".");
  EXPECT_EQ(resolve_plain("-"), "-");
  EXPECT_EQ(resolve_plain("-.inf"), -HUGE_VAL);
  EXPECT_TRUE(std::isnan(resolve_plain(".NaN").get<double>()));
}

TEST(PlainScalar, NumbersNoDoubleHoldsAreRefused) {
  EXPECT_THROW((void)resolve_plain("1e400"), NumberOutOfRange);
  EXPECT_THROW((void)resolve_plain("-1.5e309"), NumberOutOfRange);
  EXPECT_THROW((void)resolve_plain(std::string(400, '9')), NumberOutOfRange);
  EXPECT_THROW((void)resolve_plain("0x1ffffffffffffffff"), NumberOutOfRange);
  try {
    (void)resolve_plain("1e400");
    FAIL() << "no exception";
  } catch (const NumberOutOfRange& e) {
    EXPECT_STREQ(e.what(), "the number 1e400 is out of range: the largest double is about 1.8e308");
  }
}

TEST(PlainScalar, UnderflowIsZeroAsStrtodGivesIt) {
  EXPECT_EQ(resolve_plain("1e-400"), 0.0);
  EXPECT_EQ(resolve_plain("0.000e999"), 0.0);  // a zero mantissa never overflows
  EXPECT_TRUE(std::signbit(resolve_plain("-1e-400").get<double>()));
}

TEST(PlainScalar, HundredThousandDigitsAreLinearNotARecursion) {
  // std::regex recursed per character here and overflowed the stack.
  const std::string digits(100'000, '7');
  EXPECT_THROW((void)resolve_plain(digits), NumberOutOfRange);
  EXPECT_EQ(resolve_plain(digits + "x"), digits + "x");
  EXPECT_EQ(resolve_plain("0." + digits), 0.7777777777777778);
  try {
    (void)resolve_plain(digits);
  } catch (const NumberOutOfRange& e) {
    EXPECT_NE(std::string(e.what()).find("... (100000 characters) is out"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace statefun::yaml
