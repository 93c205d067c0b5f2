// The greeter's messages as user-defined value types with a fast JSON codec: GreetRequest
// {"name","visits"} and the playground's EgressRecord {"topic","payload"}. They show how to
// write a statefun::Type<T> for a hot path: parsing with simdjson (validating, no allocation per
// message), writing by hand. statefun::make_json_type (nlohmann) does the same job in a line,
// at several times the cost.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <statefun/types.hpp>

namespace greeter {

/// example/GreetRequest: {"name": "George", "visits": 3}; visits may be absent or null (0).
struct GreetRequest {
  std::string name;
  std::int64_t visits = 0;

  friend bool operator==(const GreetRequest&, const GreetRequest&) = default;
};

/// io.statefun.playground/EgressRecord: {"topic": "greetings", "payload": "Welcome George"}.
struct EgressRecord {
  std::string topic;
  std::string payload;

  friend bool operator==(const EgressRecord&, const EgressRecord&) = default;
};

/// The largest GreetRequest or EgressRecord read (1 MiB): parsing costs about ten times the
/// document's size, and no playground message comes near it.
inline constexpr std::size_t kMaxMessageBytes = std::size_t{1024} * 1024;

/// The type of example/GreetRequest. Reading any valid JSON object with a string "name" and an
/// optional integer "visits" (other keys are ignored), nested at most 1024 levels and at most
/// kMaxMessageBytes long; anything else throws statefun::Error(errc::invalid_value) with the
/// reason, which becomes HTTP 422.
const statefun::Type<GreetRequest>& greet_request_type();

/// The type of io.statefun.playground/EgressRecord.
const statefun::Type<EgressRecord>& egress_record_type();

/// Appends `text` as a JSON string literal (quotes and escapes as nlohmann::json writes them).
void append_json_string(std::string& out, std::string_view text);

}  // namespace greeter
