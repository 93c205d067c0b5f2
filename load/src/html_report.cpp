// The HTML report: one self-contained page, its charts drawn by the embedded uPlot.
#include <cmath>
#include <sstream>
#include <string>

#include <statefun/load/report.hpp>
#include <statefun/text/markup.hpp>

#include "chart_library.hpp"
#include "html_script.hpp"

namespace statefun::load {

namespace {

/// JSON that is safe inside a <script> element.
std::string script_json(const nlohmann::json& value) {
  std::string text = value.dump();
  std::string out;
  for (char i : text) {
    if (i == '<') {
      out += "\\u003c";
    } else {
      out += i;
    }
  }
  return out;
}

nlohmann::json chart_data(const LoadResult& result) {
  nlohmann::json data = {{"t", nlohmann::json::array()},
                         {"rps", nlohmann::json::array()},
                         {"fps", nlohmann::json::array()},
                         {"users", nlohmann::json::array()},
                         {"p50", nlohmann::json::array()},
                         {"p90", nlohmann::json::array()},
                         {"p99", nlohmann::json::array()},
                         {"max", nlohmann::json::array()}};
  for (const TimelinePoint& p : result.timeline) {
    const double seconds = p.seconds > 0 ? p.seconds : 1;
    data["t"].push_back(static_cast<double>(p.unix_ms) / 1000.0);
    data["rps"].push_back(p.requests / seconds);
    data["fps"].push_back(p.failures / seconds);
    data["users"].push_back(p.users);
    const auto ms = [&](std::size_t i) {
      return p.requests == 0 ? nlohmann::json(nullptr) : nlohmann::json(p.percentiles[i] / 1000.0);
    };
    data["p50"].push_back(ms(0));
    data["p90"].push_back(ms(4));
    data["p99"].push_back(ms(7));
    data["max"].push_back(ms(10));
  }
  return data;
}

}  // namespace

std::string html_report(const LoadResult& result) {
  std::ostringstream summary;
  print_summary(summary, result);
  std::ostringstream page;
  page << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
       << "<title>sft load report: " << text::escape_markup(result.url) << "</title>\n<style>"
       << chart_library_css() << "\n"
       << kReportStyle << "</style>\n</head><body>\n"
       << "<h1>sft load report</h1>\n<p class=\"meta\">" << text::escape_markup(result.url)
       << " &middot; " << result.model << " model &middot; " << result.duration_s << " s &middot; "
       << std::llround(result.rps()) << " req/s</p>\n"
       << "<h2>Requests/s</h2><div id=\"chart-rps\" class=\"chart\"></div>\n"
       << "<h2>Latency (ms)</h2><div id=\"chart-latency\" class=\"chart\"></div>\n"
       << "<h2>" << (result.model == "open" ? "Connections" : "Users")
       << "</h2><div id=\"chart-users\" class=\"chart\"></div>\n"
       << "<h2>Failures/s</h2><div id=\"chart-failures\" class=\"chart\"></div>\n"
       << "<h2>Summary</h2><pre>" << text::escape_markup(summary.str()) << "</pre>\n"
       << "<script>" << chart_library_js() << "</script>\n"
       << "<script>const SFT_DATA = " << script_json(chart_data(result)) << ";\n"
       << kReportScript << "</script>\n</body></html>\n";
  return page.str();
}

}  // namespace statefun::load
