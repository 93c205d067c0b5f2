// The chart library (uPlot) the HTML report embeds; generated at build time.
#pragma once

#include <string_view>

namespace statefun::load {

/// uPlot's minified JavaScript (defines the global `uPlot`).
std::string_view chart_library_js() noexcept;

/// uPlot's stylesheet.
std::string_view chart_library_css() noexcept;

}  // namespace statefun::load
