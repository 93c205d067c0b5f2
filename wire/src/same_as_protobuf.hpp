// Comparisons of the codec's views with protobuf's generated messages, shared by the
// ToFunction and FromFunction tests.
#pragma once

#include <gtest/gtest.h>

#include <statefun/wire/values.hpp>

#include "sdk/request-reply.pb.h"

namespace statefun::wire::testing {

/// Expects `view` to read what protobuf reads for an Address field, `has` telling whether
/// protobuf saw the field.
inline void expect_same(const AddressView& view,
                        bool has,
                        const io::statefun::sdk::reqreply::Address& a) {
  EXPECT_EQ(view.present, has);
  EXPECT_EQ(view.ns, a.namespace_());
  EXPECT_EQ(view.type, a.type());
  EXPECT_EQ(view.id, a.id());
}

/// Expects `view` to read what protobuf reads for a TypedValue field.
inline void expect_same(const TypedValueView& view,
                        bool has,
                        const io::statefun::sdk::reqreply::TypedValue& v) {
  EXPECT_EQ(view.present, has);
  EXPECT_EQ(view.type_name, v.typename_());
  EXPECT_EQ(view.has_value, v.has_value());
  EXPECT_EQ(view.value, v.value());
}

}  // namespace statefun::wire::testing
