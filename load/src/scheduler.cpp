#include "scheduler.hpp"

namespace statefun::load {

void Scheduler::wake_at(Sleeper& sleeper, Clock::time_point when) {
  heap_.push({when, order_++, &sleeper, ++sleeper.generation_});
}

void Scheduler::drop_stale() {
  while (!heap_.empty() && heap_.top().generation != heap_.top().sleeper->generation_) {
    heap_.pop();
  }
}

std::optional<Clock::time_point> Scheduler::next_due() {
  drop_stale();
  return heap_.empty() ? std::nullopt : std::optional(heap_.top().when);
}

void Scheduler::run_due() {
  for (;;) {
    drop_stale();
    if (stopped_ || heap_.empty() || heap_.top().when > clock_.now()) {
      return;
    }
    Sleeper* sleeper = heap_.top().sleeper;
    heap_.pop();
    ++sleeper->generation_;  // consumed: it may ask again while it wakes
    sleeper->wake();
  }
}

void Scheduler::arm() {
  const std::optional<Clock::time_point> due = next_due();
  if (stopped_ || !due || (armed_ && *armed_ <= *due)) {
    return;  // nothing to wait for, or the timer fires earlier anyway
  }
  armed_ = due;
  timer_.expires_at(*due);
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) {
      return;  // replaced by an earlier time, or stopped
    }
    armed_.reset();
    run_due();
    arm();
  });
}

void Scheduler::stop() {
  stopped_ = true;
  timer_.cancel();
}

}  // namespace statefun::load
