// Trace events as JSON lines.
#include <chrono>

#include <statefun/protocol/json_form.hpp>
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

void TraceWriter::on_event(const TraceEvent& event) {
  out_ << trace_json(event).dump() << '\n';
  out_.flush();
}

}  // namespace statefun::runtime
