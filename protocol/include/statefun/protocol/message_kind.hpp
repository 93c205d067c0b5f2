// Telling ToFunction bytes from FromFunction bytes.
#pragma once

#include <optional>
#include <string_view>

namespace statefun::protocol {

enum class MessageKind { to_function, from_function };

/// Which message the bytes are: the one that parses without unknown fields (a ToFunction needs
/// an invocation batch with a target). Empty bytes are an empty FromFunction ("no effects").
/// nullopt when neither fits.
std::optional<MessageKind> detect_message_kind(std::string_view bytes);

}  // namespace statefun::protocol
