// Clock: where the server and sft load read the time, so that tests can run in simulated time.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

namespace statefun {

/// A monotonic clock for timeouts, deadlines and schedules. The default is the steady clock;
/// a ManualClock makes time move only when a test says so, so timeouts and rates can be
/// asserted exactly, whatever the machine's speed.
///
/// Example:
///   auto clock = std::make_shared<ManualClock>();
///   ServerOptions options{.idle_timeout = std::chrono::seconds(60), .clock = clock};
///   clock->advance(std::chrono::seconds(60));  // idle connections close now
class Clock {
 public:
  using duration = std::chrono::steady_clock::duration;
  using time_point = std::chrono::steady_clock::time_point;

  /// Told when the time jumps (moves other than by passing); see add_jump_listener.
  class JumpListener {
   public:
    virtual ~JumpListener() = default;

    /// The time jumped: deadlines may have passed. Called on the thread that moved the time;
    /// it must not add or remove listeners.
    virtual void on_jump() = 0;

   protected:
    JumpListener() = default;
    JumpListener(const JumpListener&) = default;
    JumpListener& operator=(const JumpListener&) = default;
  };

  virtual ~Clock() = default;

  /// The current time.
  virtual time_point now() const noexcept = 0;

  /// Registers `listener` for the clock's jumps until remove_jump_listener. A clock whose time
  /// only passes (the steady clock) never calls it.
  virtual void add_jump_listener(JumpListener& listener);

  /// Ends a registration; when it returns, no call to `listener` is under way.
  virtual void remove_jump_listener(JumpListener& listener);

  /// The process's steady clock (std::chrono::steady_clock), shared.
  static std::shared_ptr<Clock> steady();

 protected:
  Clock() = default;
  Clock(const Clock&) = default;
  Clock& operator=(const Clock&) = default;
};

/// A clock whose time moves only by advance() or set(): each move tells the jump listeners
/// (the server re-checks its deadlines, sft load runs what became due). Thread-safe.
///
/// Example:
///   ManualClock clock;
///   const auto start = clock.now();
///   clock.advance(std::chrono::milliseconds(250));
///   assert(clock.now() - start == std::chrono::milliseconds(250));
class ManualClock final : public Clock {
 public:
  /// Starts at `start` (by default an arbitrary point, one day after the steady epoch).
  explicit ManualClock(time_point start = time_point(std::chrono::hours(24)))
      : ticks_(start.time_since_epoch().count()) {}

  time_point now() const noexcept override;

  /// Moves the time forward by `d` (>= 0) and tells the listeners.
  void advance(duration d);

  /// Moves the time to `t` (not earlier than now()) and tells the listeners.
  void set(time_point t);

  void add_jump_listener(JumpListener& listener) override;
  void remove_jump_listener(JumpListener& listener) override;

 private:
  std::atomic<duration::rep> ticks_;  // now(), readable from a listener
  std::mutex mutex_;                  // held while the listeners are told
  std::vector<JumpListener*> listeners_;
};

}  // namespace statefun
