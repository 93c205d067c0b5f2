// The HTML report's own style and script (the data and uPlot come before the script).
#pragma once

namespace statefun::load {

inline constexpr const char* kReportStyle = R"css(
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.1em; margin-top: 1.5em; }
.meta { color: #555; } .chart { min-height: 300px; }
pre { font-size: 12px; background: #f6f6f6; padding: 1em; overflow-x: auto; }
)css";

/// Draws four charts from SFT_DATA, then marks the body with data-charts-drawn="4".
inline constexpr const char* kReportScript = R"js(
(function () {
  const d = SFT_DATA;
  const width = Math.max(600, Math.min(1200, document.body.clientWidth - 40));
  const axes = (label) => [{}, { label: label, size: 70 }];
  const charts = [
    ["chart-rps", "per second", [["requests/s", d.rps, "#2a7ab0"]]],
    ["chart-latency", "ms", [["p50", d.p50, "#27ae60"], ["p90", d.p90, "#f39c12"],
                             ["p99", d.p99, "#c0392b"], ["max", d.max, "#7f8c8d"]]],
    ["chart-users", "count", [["users", d.users, "#8e44ad"]]],
    ["chart-failures", "per second", [["failures/s", d.fps, "#c0392b"]]],
  ];
  let drawn = 0;
  for (const [id, label, series] of charts) {
    const opts = {
      width: width, height: 280, axes: axes(label),
      series: [{}].concat(series.map(([name, , stroke]) => ({ label: name, stroke: stroke, width: 2 }))),
    };
    const plot = new uPlot(opts, [d.t].concat(series.map((s) => s[1])), document.getElementById(id));
    if (plot && plot.ctx) drawn++;
  }
  document.body.setAttribute("data-charts-drawn", String(drawn));
})();
)js";

}  // namespace statefun::load
