#include <algorithm>

#include <statefun/load/config.hpp>

namespace statefun::load {

Micros planned_duration(const LoadConfig& config) noexcept {
  if (config.stages.empty()) {
    return config.duration;
  }
  Micros total{0};
  for (const Stage& stage : config.stages) {
    total += stage.duration;
  }
  return total;
}

double stage_target(const std::vector<Stage>& stages, Micros elapsed) noexcept {
  double from = 0;
  for (const Stage& stage : stages) {
    if (elapsed < stage.duration) {
      const double fraction = stage.duration.count() == 0
                                  ? 1.0
                                  : static_cast<double>(elapsed.count()) / stage.duration.count();
      return from + (stage.target - from) * fraction;
    }
    elapsed -= stage.duration;
    from = stage.target;
  }
  return from;
}

}  // namespace statefun::load
