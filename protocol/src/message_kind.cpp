#include <statefun/protocol/message_kind.hpp>
#include <statefun/wire/from_function.hpp>
#include <statefun/wire/to_function.hpp>

namespace statefun::protocol {

std::optional<MessageKind> detect_message_kind(std::string_view bytes) {
  wire::FromFunctionView from;
  if (bytes.empty() || (wire::parse_from_function(bytes, from) && from.unknown_fields == 0)) {
    return MessageKind::from_function;
  }
  wire::ToFunctionView to;
  if (wire::parse_to_function(bytes, to) && to.unknown_fields == 0 && to.has_batch &&
      to.target.present) {
    return MessageKind::to_function;
  }
  return std::nullopt;
}

}  // namespace statefun::protocol
