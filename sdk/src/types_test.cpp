#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <string>
#include <string_view>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <statefun/error.hpp>
#include <statefun/types.hpp>

#include "types/types.pb.h"

namespace statefun {
namespace {

namespace pbt = io::statefun::sdk::types;

std::string bytes(std::initializer_list<unsigned char> list) {
  return {list.begin(), list.end()};
}

TEST(Types, TypeNamesAreTheBuiltIns) {
  EXPECT_EQ(bool_type().type_name().str(), "io.statefun.types/bool");
  EXPECT_EQ(int_type().type_name().str(), "io.statefun.types/int");
  EXPECT_EQ(long_type().type_name().str(), "io.statefun.types/long");
  EXPECT_EQ(float_type().type_name().str(), "io.statefun.types/float");
  EXPECT_EQ(double_type().type_name().str(), "io.statefun.types/double");
  EXPECT_EQ(string_type().type_name().str(), "io.statefun.types/string");
}

TEST(Types, EncodingsMatchTheProtocolTable) {
  EXPECT_EQ(bool_type().serialize(true), bytes({0x08, 0x01}));
  EXPECT_EQ(int_type().serialize(1), bytes({0x0D, 0x01, 0x00, 0x00, 0x00}));
  EXPECT_EQ(long_type().serialize(1), bytes({0x09, 1, 0, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(float_type().serialize(1.0F), bytes({0x0D, 0x00, 0x00, 0x80, 0x3F}));
  EXPECT_EQ(double_type().serialize(1.0), bytes({0x09, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F}));
  EXPECT_EQ(string_type().serialize("hi"), bytes({0x0A, 0x02, 0x68, 0x69}));
}

TEST(Types, NegativeIntsAreFixedWidthNotVarints) {
  EXPECT_EQ(int_type().serialize(-1), bytes({0x0D, 0xFF, 0xFF, 0xFF, 0xFF}));
  EXPECT_EQ(long_type().serialize(-2),
            bytes({0x09, 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}));
}

TEST(Types, ZeroValuesAreEmptyBytes) {
  EXPECT_EQ(bool_type().serialize(false), "");
  EXPECT_EQ(int_type().serialize(0), "");
  EXPECT_EQ(long_type().serialize(0), "");
  EXPECT_EQ(float_type().serialize(0.0F), "");
  EXPECT_EQ(double_type().serialize(0.0), "");
  EXPECT_EQ(string_type().serialize(""), "");
}

TEST(Types, EmptyBytesDecodeAsZeroValues) {
  EXPECT_FALSE(bool_type().deserialize(""));
  EXPECT_EQ(int_type().deserialize(""), 0);
  EXPECT_EQ(long_type().deserialize(""), 0);
  EXPECT_EQ(float_type().deserialize(""), 0.0F);
  EXPECT_EQ(double_type().deserialize(""), 0.0);
  EXPECT_EQ(string_type().deserialize(""), "");
}

TEST(Types, NegativeZeroKeepsItsSign) {
  const std::string encoded = double_type().serialize(-0.0);
  EXPECT_EQ(encoded, bytes({0x09, 0, 0, 0, 0, 0, 0, 0, 0x80}));
  EXPECT_TRUE(std::signbit(double_type().deserialize(encoded)));
}

TEST(Types, AgreeWithGeneratedProtobufCode) {
  for (const std::int32_t v : {0,
                               1,
                               -1,
                               42,
                               std::numeric_limits<std::int32_t>::min(),
                               std::numeric_limits<std::int32_t>::max()}) {
    pbt::IntWrapper wrapper;
    wrapper.set_value(v);
    EXPECT_EQ(int_type().serialize(v), wrapper.SerializeAsString()) << v;
    EXPECT_EQ(int_type().deserialize(wrapper.SerializeAsString()), v);
  }
  for (const std::int64_t v : {std::int64_t{0},
                               std::int64_t{1} << 40,
                               std::int64_t{-7},
                               std::numeric_limits<std::int64_t>::min()}) {
    pbt::LongWrapper wrapper;
    wrapper.set_value(v);
    EXPECT_EQ(long_type().serialize(v), wrapper.SerializeAsString()) << v;
  }
  pbt::StringWrapper s;
  s.set_value(std::string(300, 'x'));  // a two-byte length varint
  EXPECT_EQ(string_type().serialize(s.value()), s.SerializeAsString());
  EXPECT_EQ(string_type().deserialize(s.SerializeAsString()), s.value());
  pbt::FloatWrapper f;
  f.set_value(-1.5F);
  EXPECT_EQ(float_type().serialize(-1.5F), f.SerializeAsString());
}

TEST(Types, DecodingSkipsUnknownFieldsAndTakesTheLastValue) {
  // field 2 varint 5, then value=1, then value=2
  const std::string encoded = bytes({0x10, 0x05, 0x0D, 1, 0, 0, 0, 0x0D, 2, 0, 0, 0});
  EXPECT_EQ(int_type().deserialize(encoded), 2);
}

TEST(Types, TruncatedBytesAreRejected) {
  EXPECT_THROW(int_type().deserialize(bytes({0x0D, 0x01, 0x00})), Error);
  EXPECT_THROW(string_type().deserialize(bytes({0x0A, 0x05, 'h'})), Error);
  EXPECT_THROW(bool_type().deserialize(bytes({0x08})), Error);
  try {
    long_type().deserialize(bytes({0x09, 0x01}));
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), errc::invalid_value);
    EXPECT_THAT(e.what(), testing::HasSubstr("io.statefun.types/long"));
  }
}

TEST(Types, UserDefinedTypesUseTheirSerializers) {
  const Type<int> reversed(
      "example/Reversed",
      [](const int& v) { return std::to_string(-v); },
      [](std::string_view b) { return -std::stoi(std::string(b)); });
  EXPECT_EQ(reversed.serialize(5), "-5");
  EXPECT_EQ(reversed.deserialize("-5"), 5);
  EXPECT_EQ(reversed.type_name().str(), "example/Reversed");
}

}  // namespace
}  // namespace statefun
