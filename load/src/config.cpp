#include <algorithm>

#include <statefun/load/config.hpp>

#include "run_plan.hpp"

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

double RunPlan::target_at(Clock::time_point now) const noexcept {
  const auto elapsed = now <= start ? Micros(0) : std::chrono::duration_cast<Micros>(now - start);
  if (!config.stages.empty()) {
    return stage_target(config.stages, elapsed);
  }
  if (open_model) {
    return config.rate;
  }
  const double users = connections;
  if (config.spawn_rate <= 0) {
    return users;
  }
  return std::min(users, 1.0 + config.spawn_rate * std::chrono::duration<double>(elapsed).count());
}

}  // namespace statefun::load
