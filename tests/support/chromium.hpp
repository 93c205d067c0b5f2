// Opening a page in headless Chromium, as the HTML report and trace page tests do: offline,
// with a profile of its own, its DOM printed once the page's scripts have run.
#pragma once

#include <chrono>
#include <string>

#include "process.hpp"

namespace statefun::test {

/// Where scripts/install-deps installs Chromium.
inline constexpr const char* kChromium = "/usr/bin/chromium";

/// Whether kChromium is installed.
bool has_chromium();

/// Opens the file `page` in headless Chromium (no network, a fresh profile removed afterwards),
/// lets its scripts run for `virtual_time` of the page's own clock and returns the DOM it dumps.
RunResult dump_dom(const std::string& page,
                   std::chrono::milliseconds virtual_time = std::chrono::seconds(10));

}  // namespace statefun::test
