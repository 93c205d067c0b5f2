#include <statefun/protocol/json_text.hpp>

namespace statefun::protocol {

nlohmann::json parse_json(std::string_view text) {
  using nlohmann::json;
  // The parser itself is iterative; the callback only notices the depth (and drops what is
  // deeper, so that nothing deep is built).
  bool too_deep = false;
  const json::parser_callback_t within_depth = [&too_deep](int depth, json::parse_event_t, json&) {
    if (depth > kMaxJsonDepth) {
      too_deep = true;
      return false;
    }
    return true;
  };
  json parsed = json::parse(text.begin(), text.end(), within_depth, false);
  return too_deep ? json(json::value_t::discarded) : parsed;
}

}  // namespace statefun::protocol
