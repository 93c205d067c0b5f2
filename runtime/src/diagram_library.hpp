// The diagram library (Mermaid) the trace page embeds; generated at build time.
#pragma once

#include <string_view>

namespace statefun::runtime::detail {

/// Mermaid's minified JavaScript (defines the global `mermaid`).
std::string_view diagram_library_js() noexcept;

}  // namespace statefun::runtime::detail
