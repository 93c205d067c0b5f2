// make_protobuf_type with a generated message class (here one of the protocol's own).
#include <gtest/gtest.h>

#include <statefun/error.hpp>
#include <statefun/message.hpp>
#include <statefun/protobuf.hpp>

#include "io/kafka-egress.pb.h"

namespace statefun {
namespace {

using Record = io::statefun::sdk::egress::KafkaProducerRecord;

TEST(ProtobufType, IsNamedAfterTheFullMessageName) {
  EXPECT_EQ(make_protobuf_type<Record>().type_name().str(),
            "type.googleapis.com/io.statefun.sdk.egress.KafkaProducerRecord");
}

TEST(ProtobufType, RoundTripsThroughAMessage) {
  Record record;
  record.set_topic("greetings");
  record.set_key("George");
  record.set_value_bytes("Welcome George");
  const auto type = make_protobuf_type<Record>();
  const Message m = MessageBuilder(Address("example/sink", "1")).with_value(type, record).build();
  EXPECT_EQ(m.raw_value(), record.SerializeAsString());
  const Record back = m.as(type);
  EXPECT_EQ(back.topic(), "greetings");
  EXPECT_EQ(back.key(), "George");
  EXPECT_EQ(back.value_bytes(), "Welcome George");
}

TEST(ProtobufType, UndecodableBytesAreAnInvalidValue) {
  try {
    make_protobuf_type<Record>().deserialize("\xFF\xFF");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), errc::invalid_value);
    EXPECT_STREQ(e.what(), "invalid io.statefun.sdk.egress.KafkaProducerRecord bytes");
  }
}

}  // namespace
}  // namespace statefun
