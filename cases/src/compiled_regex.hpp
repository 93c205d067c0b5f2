// `$regex` patterns of test files, compiled once per process with RE2: matching is linear in
// the text and never recurses (std::regex recursed once per character: `^(a|b)*$` against
// 20 KB overflowed the stack), and a pattern is not compiled again for each comparison.
#pragma once

#include <string>
#include <string_view>

namespace statefun::cases::detail {

/// "" when `pattern` compiles (it is then kept compiled), else why not, in RE2's words.
std::string regex_error(const std::string& pattern);

/// True when `pattern` finds a match somewhere in `text` (anchor with ^...$ for all of it).
/// False for a pattern that does not compile.
bool regex_finds(const std::string& pattern, std::string_view text);

}  // namespace statefun::cases::detail
