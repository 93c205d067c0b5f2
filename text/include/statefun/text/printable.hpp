// Text from outside (a request, a file, a server's answer) made safe to write on one log or
// terminal line.
// Part of statefun::text, an internal target: not installed, not an API.
#pragma once

#include <string>
#include <string_view>

namespace statefun::text {

/// `text` with every control character (below 0x20, and 0x7F) written as an escape: \n, \r and
/// \t, else \xHH. A request cannot start a line of its own in a log (log forging) nor send
/// terminal escape sequences. Other bytes, UTF-8 included, are kept.
///
/// Example:
///   assert(printable("a\nb\x1b[2J") == "a\\nb\\x1b[2J");
std::string printable(std::string_view text);

}  // namespace statefun::text
