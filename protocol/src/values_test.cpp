
#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <statefun/egress.hpp>
#include <statefun/protocol/json_form.hpp>
#include <statefun/protocol/values.hpp>

namespace statefun::protocol {
namespace {

errc error_code_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return static_cast<errc>(e.code().value());
  }
  return errc{};
}

TEST(Values, ValueAsDecodesWithTheSdkTypes) {
  EXPECT_EQ(value_as(make_typed_value("io.statefun.types/int", 3), int_type()), 3);
  EXPECT_EQ(value_as(make_typed_value("io.statefun.types/string", "hi"), string_type()), "hi");
  EXPECT_EQ(
      error_code_of([] { value_as(make_typed_value("io.statefun.types/long", 3), int_type()); }),
      errc::type_mismatch);
  EXPECT_EQ(error_code_of([] {
              value_as(TypedValue{"io.statefun.types/int", false, ""}, int_type());
            }),
            errc::invalid_value);
}

TEST(Values, KafkaAndKinesisRecordsOpen) {
  const auto kafka = kafka_record(KafkaEgressBuilder("e/k")
                                      .with_topic("greetings")
                                      .with_key("George")
                                      .with_value("Welcome")
                                      .build()
                                      .value);
  EXPECT_EQ(kafka.topic, "greetings");
  EXPECT_EQ(kafka.key, "George");
  EXPECT_EQ(kafka.value, "Welcome");
  const auto kinesis = kinesis_record(KinesisEgressBuilder("e/k")
                                          .with_stream("s")
                                          .with_partition_key("p")
                                          .with_value("v")
                                          .build()
                                          .value);
  EXPECT_EQ(kinesis.stream, "s");
  EXPECT_EQ(kinesis.partition_key, "p");
  EXPECT_EQ(kinesis.explicit_hash_key, "");
  EXPECT_EQ(kinesis.value, "v");
  EXPECT_EQ(error_code_of([] { kafka_record(make_typed_value("io.statefun.types/int", 1)); }),
            errc::type_mismatch);
}

TEST(Values, PlaygroundRecordsOpen) {
  const auto record =
      playground_record(make_typed_value("io.statefun.playground/EgressRecord",
                                         {{"topic", "greetings"}, {"payload", "Welcome George"}}));
  EXPECT_EQ(record.topic, "greetings");
  EXPECT_EQ(record.payload, "Welcome George");
  EXPECT_EQ(error_code_of([] {
              playground_record(TypedValue{"io.statefun.playground/EgressRecord", true, "{}"});
            }),
            errc::invalid_value);
}

TEST(Values, PlaygroundRecordsReadAsTheirParsedDocument) {
  const auto read = [](const std::string& json) {
    return playground_record(TypedValue{"io.statefun.playground/EgressRecord", true, json});
  };
  // other keys and nested objects are passed over; the last of a repeated key wins
  const auto record =
      read(R"({"x": {"topic": "inner", "payload": [1, {"a": null}]}, "topic": "t", "payload": "p",)"
           R"( "topic": "greetings", "n": 1.5e3, "b": true})");
  EXPECT_EQ(record.topic, "greetings");
  EXPECT_EQ(record.payload, "p");
  EXPECT_EQ(read(R"({"topic": "a\u00e9", "payload": ""})").topic, "a\xc3\xa9");
  for (const std::string& bad : std::vector<std::string>{
           R"({"topic": "t", "payload": 3})",
           R"({"topic": "t", "payload": "p", "topic": {}})",  // the last topic is not a string
           R"([{"topic": "t", "payload": "p"}])",
           R"({"topic": "t", "payload": "p"} trailing)",
           R"({"topic": "t", "payload": "p")",
           R"("a string")",
           R"({"topic": "t"})",
           R"({"topic": "t", "payload": "p", "deep": )" + std::string(300, '[') +
               std::string(300, ']') + "}"}) {
    EXPECT_EQ(error_code_of([&] { (void)read(bad); }), errc::invalid_value) << bad;
  }
}

}  // namespace
}  // namespace statefun::protocol
