// Trace events as JSON lines, written and read back.
#include <chrono>
#include <cstdint>
#include <limits>
#include <string>

#include <statefun/error.hpp>
#include <statefun/protocol/json_form.hpp>
#include <statefun/protocol/json_text.hpp>
#include <statefun/runtime/trace_json.hpp>

namespace statefun::runtime {

nlohmann::json trace_json(const TraceEvent& event) {
  nlohmann::json out = {{"id", event.id},
                        {"kind", kind_name(event.kind)},
                        {"time_ms", std::chrono::duration<double, std::milli>(event.time).count()}};
  if (!event.causes.empty()) {
    out["causes"] = event.causes;
  }
  if (event.from) {
    out["from"] = event.from->str();
  }
  if (event.to) {
    out["to"] = event.to->str();
  }
  if (event.value) {
    out["value"] = protocol::to_json(*event.value);
  }
  if (!event.name.empty()) {
    out["name"] = event.name;
  }
  if (event.count != 0) {
    out["count"] = event.count;
  }
  if (!event.detail.empty()) {
    out["detail"] = event.detail;
  }
  return out;
}

namespace {

using nlohmann::json;

[[noreturn]] void invalid(const std::string& reason) {
  throw std::invalid_argument(reason);
}

TraceEvent::Kind kind_of(const std::string& name) {
  const std::optional<TraceEvent::Kind> kind = kind_from_name(name);
  if (!kind) {
    invalid("unknown event kind \"" + name + "\"");
  }
  return *kind;
}

std::uint64_t read_id(const json& value, const char* what) {
  if (!value.is_number_unsigned()) {
    invalid(std::string(what) + " must be a non-negative integer, not " + value.dump());
  }
  return value.get<std::uint64_t>();
}

std::string read_text(const json& value, const char* key) {
  if (!value.is_string()) {
    invalid(std::string("\"") + key + "\" must be a string, not " + value.dump());
  }
  return value.get<std::string>();
}

Address read_address(const json& value, const char* key) {
  const std::string text = read_text(value, key);
  try {
    return Address::parse(text);
  } catch (const Error& e) {
    invalid(std::string("\"") + key + "\": " + e.what());
  }
}

/// "id", "kind" and "time_ms", which every event has.
TraceEvent read_required(const json& in) {
  if (!in.is_object()) {
    invalid("an event must be a JSON object, not " + in.dump());
  }
  for (const char* key : {"id", "kind", "time_ms"}) {
    if (!in.contains(key)) {
      invalid(std::string("an event needs \"") + key + "\"");
    }
  }
  TraceEvent event;
  event.id = read_id(in["id"], "\"id\"");
  event.kind = kind_of(read_text(in["kind"], "kind"));
  const json& time = in["time_ms"];
  // At most about 31 years: the event's clock counts nanoseconds in 64 bits (292 years).
  constexpr double kMaxTimeMs = 1e12;
  if (!time.is_number() || !(time.get<double>() >= 0 && time.get<double>() <= kMaxTimeMs)) {
    invalid("\"time_ms\" must be a number of milliseconds from 0 to 10^12, not " + time.dump());
  }
  event.time = std::chrono::round<Clock::duration>(
      std::chrono::duration<double, std::milli>(time.get<double>()));
  return event;
}

std::int64_t read_count(const json& count) {
  if (!count.is_number_integer()) {
    invalid("\"count\" must be an integer, not " + count.dump());
  }
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  return count.is_number_unsigned() && count.get<std::uint64_t>() > static_cast<std::uint64_t>(kMax)
             ? kMax
             : count.get<std::int64_t>();
}

}  // namespace

TraceEvent trace_event_from_json(const json& in) {
  TraceEvent event = read_required(in);
  if (const auto causes = in.find("causes"); causes != in.end()) {
    if (!causes->is_array()) {
      invalid("\"causes\" must be a list of event ids, not " + causes->dump());
    }
    for (const json& cause : *causes) {
      event.causes.push_back(read_id(cause, "a cause"));
    }
  }
  if (const auto from = in.find("from"); from != in.end()) {
    event.from = read_address(*from, "from");
  }
  if (const auto to = in.find("to"); to != in.end()) {
    event.to = read_address(*to, "to");
  }
  if (const auto value = in.find("value"); value != in.end()) {
    try {
      event.value = protocol::typed_value_from_json(*value);
    } catch (const Error& e) {
      invalid(std::string("\"value\": ") + e.what());
    }
  }
  if (const auto name = in.find("name"); name != in.end()) {
    event.name = read_text(*name, "name");
  }
  if (const auto count = in.find("count"); count != in.end()) {
    event.count = read_count(*count);
  }
  if (const auto detail = in.find("detail"); detail != in.end()) {
    event.detail = read_text(*detail, "detail");
  }
  return event;
}

std::optional<TraceEvent> TraceReader::next() {
  std::streambuf* input = in_.rdbuf();
  std::string text;
  while (input != nullptr) {
    text.clear();
    int c = input->sbumpc();
    if (c == std::char_traits<char>::eof()) {
      return std::nullopt;
    }
    ++line_;
    for (; c != std::char_traits<char>::eof() && c != '\n'; c = input->sbumpc()) {
      if (text.size() == kMaxLineBytes) {
        throw TraceError(file_ + ":" + std::to_string(line_) + ": the line is longer than " +
                         std::to_string(kMaxLineBytes >> 20) + " MiB: not a trace");
      }
      text.push_back(static_cast<char>(c));
    }
    if (text.find_first_not_of(" \t\r") == std::string::npos) {
      continue;  // a blank line
    }
    const json parsed = protocol::parse_json(text);
    if (parsed.is_discarded()) {
      throw TraceError(file_ + ":" + std::to_string(line_) +
                       ": not a JSON object (a trace has one event per line)");
    }
    try {
      return trace_event_from_json(parsed);
    } catch (const std::invalid_argument& e) {
      throw TraceError(file_ + ":" + std::to_string(line_) + ": " + e.what());
    }
  }
  return std::nullopt;
}

void TraceWriter::on_event(const TraceEvent& event) {
  out_ << trace_json(event).dump() << '\n';
  out_.flush();
}

}  // namespace statefun::runtime
