#include <array>
#include <cstdint>
#include <optional>

#include <statefun/wire/egress_records.hpp>
#include <statefun/wire/writer.hpp>

#include "field_reader.hpp"

namespace statefun::wire {

namespace {

/// Reads a message of string fields 1..N, where `bytes_field` is a bytes field (no UTF-8 rule).
template <std::size_t N>
bool parse_strings(std::string_view bytes,
                   const std::array<std::string_view*, N>& slots,
                   std::uint32_t bytes_field) {
  std::size_t unknown = 0;
  return fields::for_each_field(bytes, unknown, [&](Reader& r, Tag tag) -> std::optional<bool> {
    if (!fields::is_length_delimited(tag) || tag.field == 0 || tag.field > N) {
      return std::nullopt;
    }
    std::string_view& slot = *slots[tag.field - 1];
    return tag.field == bytes_field ? fields::read_bytes(r, slot) : fields::read_string(r, slot);
  });
}

}  // namespace

bool parse_kafka_record(std::string_view bytes, KafkaRecordView& out) {
  out = {};
  return parse_strings<3>(bytes, {&out.key, &out.value, &out.topic}, 2);
}

bool parse_kinesis_record(std::string_view bytes, KinesisRecordView& out) {
  out = {};
  return parse_strings<4>(
      bytes, {&out.partition_key, &out.value, &out.stream, &out.explicit_hash_key}, 2);
}

std::string encode_kafka_record(const KafkaRecordView& record) {
  return encode_message([&](auto& m) {
    m.string(1, record.key);
    m.string(2, record.value);
    m.string(3, record.topic);
  });
}

std::string encode_kinesis_record(const KinesisRecordView& record) {
  return encode_message([&](auto& m) {
    m.string(1, record.partition_key);
    m.string(2, record.value);
    m.string(3, record.stream);
    m.string(4, record.explicit_hash_key);
  });
}

}  // namespace statefun::wire
