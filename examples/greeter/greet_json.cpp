#include "greet_json.hpp"

#include <cstddef>
#include <limits>
#include <string>

#include <nlohmann/json.hpp>

#include <statefun/error.hpp>

#include <simdjson.h>

namespace greeter {

namespace {

[[noreturn]] void reject(const std::string& reason) {
  throw statefun::Error(statefun::errc::invalid_value, "invalid GreetRequest: " + reason);
}

/// The room a thread's parser keeps between messages: a playground message is far smaller.
constexpr std::size_t kKeptCapacity = std::size_t{64} * 1024;

simdjson::dom::parser& thread_parser() {
  thread_local simdjson::dom::parser parser(kMaxMessageBytes);
  return parser;
}

/// The thread's parser for one message: it keeps its buffers, so parsing allocates nothing once
/// warm, and it frees the room a larger document took when the message is read.
class ThreadParser {
 public:
  ThreadParser() : parser_(thread_parser()) {}

  ThreadParser(const ThreadParser&) = delete;
  ThreadParser& operator=(const ThreadParser&) = delete;

  ~ThreadParser() {
    if (parser_.capacity() > kKeptCapacity) {
      parser_ = simdjson::dom::parser(kMaxMessageBytes);
    }
  }

  simdjson::dom::parser& get() noexcept { return parser_; }

 private:
  simdjson::dom::parser& parser_;
};

std::int64_t read_visits(simdjson::dom::object object) {
  simdjson::dom::element visits;
  if (object["visits"].get(visits) != simdjson::SUCCESS || visits.is_null()) {
    return 0;  // absent or null: no count given
  }
  switch (visits.type()) {
    case simdjson::dom::element_type::INT64:
      return visits.get_int64().value_unsafe();
    case simdjson::dom::element_type::UINT64:
      reject("\"visits\" is out of range");
    default:
      reject("\"visits\" must be an integer, got " + simdjson::minify(visits));
  }
}

GreetRequest parse_greet_request(std::string_view bytes) {
  if (bytes.size() > kMaxMessageBytes) {
    reject("it has " + std::to_string(bytes.size()) + " bytes, more than " +
           std::to_string(kMaxMessageBytes));
  }
  ThreadParser parser;
  simdjson::dom::element document;
  const auto error = parser.get().parse(bytes.data(), bytes.size()).get(document);
  if (error == simdjson::DEPTH_ERROR) {
    reject("JSON nested deeper than " + std::to_string(simdjson::DEFAULT_MAX_DEPTH) + " levels");
  }
  if (error != simdjson::SUCCESS) {
    // simdjson refuses numbers beyond 64 bits, which JSON allows: tell them apart.
    if (nlohmann::json::accept(bytes)) {
      reject("a number is out of range (beyond 64 bits)");
    }
    reject(std::string("invalid JSON (") + simdjson::error_message(error) + ")");
  }
  simdjson::dom::object object;
  if (document.get(object) != simdjson::SUCCESS) {
    reject("expected a JSON object, got " + simdjson::minify(document));
  }
  std::string_view name;
  if (object["name"].get(name) != simdjson::SUCCESS) {
    reject("\"name\" must be a string");
  }
  return GreetRequest{std::string(name), read_visits(object)};
}

std::string write_greet_request(const GreetRequest& request) {
  std::string out = "{\"name\":";
  append_json_string(out, request.name);
  out += ",\"visits\":";
  out += std::to_string(request.visits);
  out += '}';
  return out;
}

std::string write_egress_record(const EgressRecord& record) {
  std::string out;
  out.reserve(32 + record.topic.size() + record.payload.size());
  out += "{\"topic\":";
  append_json_string(out, record.topic);
  out += ",\"payload\":";
  append_json_string(out, record.payload);
  out += '}';
  return out;
}

EgressRecord parse_egress_record(std::string_view bytes) {
  ThreadParser parser;
  simdjson::dom::element document;
  std::string_view topic;
  std::string_view payload;
  if (parser.get().parse(bytes.data(), bytes.size()).get(document) != simdjson::SUCCESS ||
      document["topic"].get(topic) != simdjson::SUCCESS ||
      document["payload"].get(payload) != simdjson::SUCCESS) {
    throw statefun::Error(statefun::errc::invalid_value,
                          R"(invalid EgressRecord: expected {"topic": string, "payload": string})");
  }
  return EgressRecord{std::string(topic), std::string(payload)};
}

}  // namespace

const statefun::Type<GreetRequest>& greet_request_type() {
  static const statefun::Type<GreetRequest> type(
      "example/GreetRequest", write_greet_request, parse_greet_request);
  return type;
}

const statefun::Type<EgressRecord>& egress_record_type() {
  static const statefun::Type<EgressRecord> type(
      "io.statefun.playground/EgressRecord", write_egress_record, parse_egress_record);
  return type;
}

namespace {

/// JSON's two-character escape of `c` ("\\n" for a newline), or "" when it has none.
std::string_view short_escape(unsigned char c) {
  switch (c) {
    case '"':
      return "\\\"";
    case '\\':
      return "\\\\";
    case '\b':
      return "\\b";
    case '\f':
      return "\\f";
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\t':
      return "\\t";
    default:
      return {};
  }
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  static constexpr std::string_view kHex = "0123456789abcdef";
  out += '"';
  std::size_t plain = 0;  // start of the run of bytes that need no escape
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') {
      continue;  // UTF-8 and printable ASCII pass through as they are
    }
    out.append(text, plain, i - plain);
    plain = i + 1;
    if (const std::string_view escape = short_escape(c); !escape.empty()) {
      out += escape;
    } else {
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  out.append(text, plain, text.size() - plain);
  out += '"';
}

}  // namespace greeter
