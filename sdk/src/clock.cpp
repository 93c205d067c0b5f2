#include <algorithm>

#include <statefun/clock.hpp>
#include <statefun/error.hpp>

namespace statefun {

namespace {

class SteadyClock final : public Clock {
 public:
  time_point now() const noexcept override { return std::chrono::steady_clock::now(); }
};

}  // namespace

void Clock::add_jump_listener(JumpListener& /*listener*/) {}

void Clock::remove_jump_listener(JumpListener& /*listener*/) {}

std::shared_ptr<Clock> Clock::steady() {
  static const std::shared_ptr<Clock> clock = std::make_shared<SteadyClock>();
  return clock;
}

Clock::time_point ManualClock::now() const noexcept {
  return time_point(duration(ticks_.load()));
}

void ManualClock::advance(duration d) {
  if (d < duration::zero()) {
    throw Error(errc::invalid_argument, "a ManualClock cannot go back in time");
  }
  const std::lock_guard lock(mutex_);  // held while telling: no listener leaves meanwhile
  ticks_ += d.count();
  for (JumpListener* listener : listeners_) {
    listener->on_jump();
  }
}

void ManualClock::set(time_point t) {
  advance(t - now());
}

void ManualClock::add_jump_listener(JumpListener& listener) {
  const std::lock_guard lock(mutex_);
  listeners_.push_back(&listener);
}

void ManualClock::remove_jump_listener(JumpListener& listener) {
  const std::lock_guard lock(mutex_);
  listeners_.erase(std::remove(listeners_.begin(), listeners_.end(), &listener), listeners_.end());
}

}  // namespace statefun
