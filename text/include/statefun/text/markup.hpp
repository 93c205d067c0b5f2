// Escaping text for XML and HTML reports (JUnit XML, the load report).
// Part of statefun::text, an internal target: not installed, not an API.
#pragma once

#include <string>
#include <string_view>

namespace statefun::text {

/// `text` with & < > " ' written as entities, and the control characters XML 1.0 cannot carry
/// (all below 0x20 but tab, newline and carriage return) replaced by U+FFFD. Safe in element
/// content and in quoted attribute values of XML and HTML.
std::string escape_markup(std::string_view text);

}  // namespace statefun::text
