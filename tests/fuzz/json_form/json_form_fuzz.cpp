// Fuzz target: the JSON form reader behind `sft encode` (protocol::parse_json, then
// protocol::request_from_json when the document has "invocation", else response_from_json,
// then the encoder), as cli/src/commands/decode_encode.cpp runs it.
// Oracle: reading and encoding throw nothing but statefun::Error (what `sft encode` turns into
// a one-line error); what is accepted encodes to bytes that decode back to the same request or
// response, and its readable form (what `sft decode` prints) prints without throwing and reads
// back to the same (a JSON value as its compact dump: blanks, key order and number spelling are
// not information, a rounded number is). Any exception on those ways back is a finding.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include <statefun/error.hpp>
#include <statefun/protocol/json_form.hpp>
#include <statefun/protocol/json_text.hpp>
#include <statefun/types.hpp>

#include "fuzz_target.hpp"

namespace {

using statefun::fuzz::report_finding;

/// Whether `type_name` is one the readable form decodes (built-ins, egress records): its
/// bytes are never shown as JSON.
bool decoded_type(const std::string& type_name) {
  namespace names = statefun::type_names;
  const std::array<std::string_view, 8> decoded = {names::kBool,
                                                   names::kInt,
                                                   names::kLong,
                                                   names::kFloat,
                                                   names::kDouble,
                                                   names::kString,
                                                   names::kKafkaProducerRecord,
                                                   names::kKinesisEgressRecord};
  return std::ranges::find(decoded, type_name) != decoded.end();
}

/// The bytes the readable form gives back for `value`: JSON shown as a value comes back as its
/// compact dump (blanks, key order and how numbers are written are not information).
void normalize(statefun::TypedValue& value) {
  if (!decoded_type(value.type_name) && statefun::protocol::reads_losslessly(value.value)) {
    value.value = statefun::protocol::parse_json(value.value).dump();
  }
}

void normalize(std::optional<statefun::TypedValue>& value) {
  if (value) {
    normalize(*value);
  }
}

statefun::protocol::Request normalized(statefun::protocol::Request request) {
  for (auto& entry : request.state) {
    normalize(entry.value);
  }
  for (auto& invocation : request.invocations) {
    normalize(invocation.argument);
  }
  return request;
}

statefun::protocol::Response normalized(statefun::protocol::Response response) {
  for (auto& message : response.messages) {
    normalize(message.argument);
  }
  for (auto& delayed : response.delayed) {
    normalize(delayed.argument);
  }
  for (auto& egress : response.egress) {
    normalize(egress.argument);
  }
  for (auto& mutation : response.mutations) {
    normalize(mutation.value);
  }
  return response;
}

/// The message the form stands for and its bytes, or nullopt when sft encode refuses it.
template <typename Message, typename FromJson, typename Encode>
std::optional<std::pair<Message, std::string>> encode(const nlohmann::json& form,
                                                      FromJson from_json,
                                                      Encode encode_message) {
  try {
    Message message = from_json(form);
    std::string bytes = encode_message(message);
    return std::pair{std::move(message), std::move(bytes)};
  } catch (const statefun::Error&) {
    return std::nullopt;  // a one-line error of sft encode
  }
}

template <typename Message, typename FromJson, typename Encode, typename Decode>
void check_round_trips(const nlohmann::json& form,
                       FromJson from_json,
                       Encode encode_message,
                       Decode decode) {
  const auto encoded = encode<Message>(form, from_json, encode_message);
  if (!encoded) {
    return;
  }
  const auto& [message, bytes] = *encoded;
  if (!(decode(bytes) == message)) {
    report_finding("the encoded bytes decode to another message");
  }
  const nlohmann::json readable = statefun::protocol::to_json(message);
  static_cast<void>(readable.dump(2));  // as sft decode prints it; throws for invalid UTF-8
  if (!(from_json(readable) == normalized(message))) {
    report_finding("the readable form reads back to another message: " + readable.dump());
  }
}

}  // namespace

// NOLINTNEXTLINE(readability-identifier-naming): the name libFuzzer calls
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace protocol = statefun::protocol;
  try {
    const nlohmann::json form = protocol::parse_json(statefun::fuzz::bytes_of(data, size));
    if (form.is_discarded()) {
      return 0;  // not JSON, or nested too deep: sft encode says so
    }
    if (form.contains("invocation")) {
      check_round_trips<protocol::Request>(
          form, protocol::request_from_json, protocol::encode_request, protocol::decode_request);
    } else {
      check_round_trips<protocol::Response>(
          form, protocol::response_from_json, protocol::encode_response, protocol::decode_response);
    }
  } catch (const std::exception& e) {
    report_finding(std::string("an exception escaped: ") + e.what());
  } catch (...) {
    report_finding("something that is not a std::exception was thrown");
  }
  return 0;
}
