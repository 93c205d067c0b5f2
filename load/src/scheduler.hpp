// Scheduler: the timed wake-ups of one worker thread, on the run's clock.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <queue>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <statefun/clock.hpp>

namespace statefun::load {

/// Keeps every connection's next due time and the worker's tick in one heap, under one timer.
/// In real time the timer fires at the earliest due time; in simulated time the worker moves
/// the clock to next_due() whenever nothing is in flight, then calls run_due(). A sleeper has
/// at most one pending wake-up: a new one replaces it. Single-threaded (the worker's thread).
///
/// Example:
///   scheduler.wake_at(connection, clock.now() + std::chrono::milliseconds(10));
///   scheduler.arm();  // real time: the timer fires then and calls connection.wake()
class Scheduler {
 public:
  /// Something that waits for a time.
  class Sleeper {
   public:
    virtual ~Sleeper() = default;

    /// Its time came.
    virtual void wake() = 0;

   protected:
    Sleeper() = default;
    Sleeper(const Sleeper&) = default;
    Sleeper& operator=(const Sleeper&) = default;

   private:
    friend class Scheduler;
    std::uint64_t generation_ = 0;  // of its pending wake-up; anything older is stale
  };

  Scheduler(boost::asio::io_context& io, const Clock& clock) : clock_(clock), timer_(io) {}

  /// Wakes `sleeper` at `when` (at once if it has passed), instead of any earlier request.
  void wake_at(Sleeper& sleeper, Clock::time_point when);

  /// Forgets `sleeper`'s pending wake-up.
  static void cancel(Sleeper& sleeper) noexcept { ++sleeper.generation_; }

  /// Wakes every sleeper whose time has come, earliest first (including those it wakes for a
  /// time that has come too).
  void run_due();

  /// The earliest pending wake-up; nullopt when none is pending.
  std::optional<Clock::time_point> next_due();

  /// Real time: keeps the timer armed for the earliest pending wake-up.
  void arm();

  /// Stops the timer; no sleeper is woken after it.
  void stop();

 private:
  struct Entry {
    Clock::time_point when;
    std::uint64_t order = 0;  // equal times wake in the order they were asked for
    Sleeper* sleeper = nullptr;
    std::uint64_t generation = 0;

    bool operator>(const Entry& other) const noexcept {
      return when != other.when ? when > other.when : order > other.order;
    }
  };

  /// Drops stale entries from the top of the heap.
  void drop_stale();

  const Clock& clock_;
  boost::asio::steady_timer timer_;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap_;
  std::uint64_t order_ = 0;
  std::optional<Clock::time_point> armed_;  // when the timer fires, if armed
  bool stopped_ = false;
};

}  // namespace statefun::load
