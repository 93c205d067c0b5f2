// The HTML report opened in headless Chromium: the page must draw its four charts offline.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <regex>
#include <string>

#include <gtest/gtest.h>

#include <statefun/load/report.hpp>

#include "chromium.hpp"  // tests/support

namespace statefun::load {
namespace {

LoadResult result_over(int seconds) {
  LoadResult r;
  r.url = "http://127.0.0.1:8000/statefun";
  r.model = "closed";
  r.start_unix_ms = 1'700'000'000'000;
  r.duration_s = seconds;
  KindResult kind{"example/greeter/<George>", "POST", 0, 0, 0, {}};
  for (int s = 1; s <= seconds; ++s) {
    TimelinePoint p;
    p.unix_ms = r.start_unix_ms + static_cast<std::int64_t>(s) * 1000;
    p.users = std::min(s * 5, 20);
    p.requests = 1000 + 100 * s;
    p.failures = s % 3 == 0 ? 2 : 0;
    for (std::size_t i = 0; i < p.percentiles.size(); ++i) {
      p.percentiles[i] = 200 + 100 * std::uint64_t{i} + 10 * static_cast<std::uint64_t>(s);
    }
    for (std::uint64_t n = 0; n < p.requests; ++n) {
      kind.latency.record(200 + n % 700);
    }
    r.timeline.push_back(p);
  }
  kind.requests = kind.latency.count();
  r.kinds.push_back(kind);
  return r;
}

TEST(HtmlReport, IsSelfContainedAndEscapesNames) {
  const std::string html = html_report(result_over(3));
  EXPECT_EQ(html.find("<script src"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_NE(html.find("uPlot"), std::string::npos);
  EXPECT_NE(html.find("example/greeter/&lt;George&gt;"), std::string::npos);
}

TEST(HtmlReport, ChromiumDrawsTheCharts) {
  if (!test::has_chromium()) {
    GTEST_SKIP() << test::kChromium << " is not installed (scripts/install-deps installs it)";
  }
  const std::string dir = ::testing::TempDir() + "sft_html_" + std::to_string(getpid());
  std::filesystem::create_directories(dir);
  const std::string page = dir + "/report.html";
  write_text_file(page, html_report(result_over(30)));
  const test::RunResult r = test::dump_dom(page, std::chrono::milliseconds(5000));
  std::filesystem::remove_all(dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("data-charts-drawn=\"4\""), std::string::npos) << r.out.substr(0, 2000);
  const std::regex canvas("<canvas width=\"([0-9]+)\" height=\"([0-9]+)\"");
  int drawn = 0;
  for (auto it = std::sregex_iterator(r.out.begin(), r.out.end(), canvas);
       it != std::sregex_iterator();
       ++it) {
    EXPECT_GT(std::stoi((*it)[1]), 0);
    EXPECT_GT(std::stoi((*it)[2]), 0);
    ++drawn;
  }
  EXPECT_EQ(drawn, 4);
}

}  // namespace
}  // namespace statefun::load
