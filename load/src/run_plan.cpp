#include "run_plan.hpp"

#include <algorithm>

namespace statefun::load {

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
