#include "chromium.hpp"

#include <filesystem>

namespace statefun::test {

bool has_chromium() {
  return std::filesystem::exists(kChromium);
}

RunResult dump_dom(const std::string& page, std::chrono::milliseconds virtual_time) {
  const std::string profile = page + ".chromium-profile";
  std::filesystem::create_directories(profile);
  RunResult result = run({kChromium,
                          "--headless",
                          "--no-sandbox",
                          "--disable-gpu",
                          "--disable-background-networking",
                          "--disable-component-update",
                          "--no-first-run",
                          "--disable-sync",
                          "--user-data-dir=" + profile,
                          "--virtual-time-budget=" + std::to_string(virtual_time.count()),
                          "--dump-dom",
                          "file://" + page},
                         {},
                         std::chrono::seconds(90));
  std::filesystem::remove_all(profile);
  return result;
}

}  // namespace statefun::test
