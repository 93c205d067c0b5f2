// EgressDrain: counts the records a playground egress topic gives while a load test feeds the
// pipeline through its ingress: a few connections GET the topic again and again (each answer
// pops one record, or is empty when none came within the wait).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <statefun/clock.hpp>
#include <statefun/http/client_connection.hpp>
#include <statefun/load/result.hpp>

namespace statefun::load {

class EgressDrain {
 public:
  /// How long a GET waits for a record (`?wait=`), and how long the drain goes on once the run's
  /// requests ended: until no record came for kQuiet, at most kMostAfterEnd.
  static constexpr std::chrono::milliseconds kWait{200};
  static constexpr std::chrono::milliseconds kQuiet{1000};
  static constexpr std::chrono::seconds kMostAfterEnd{10};
  static constexpr unsigned kConnections = 4;

  /// Drains `url` (http://host:port/topic) on a thread of its own from now on; the run started
  /// at `start` on `clock`. Throws std::invalid_argument for a URL that does not parse or a host
  /// that does not resolve.
  EgressDrain(const std::string& url, Clock& clock, Clock::time_point start);
  ~EgressDrain();
  EgressDrain(const EgressDrain&) = delete;
  EgressDrain& operator=(const EgressDrain&) = delete;

  /// The run's requests ended at `when`: drains what is left, stops and returns what it counted.
  EgressResult finish(Clock::time_point when);

 private:
  struct Getter;

  void on_record(Clock::time_point now);
  void on_failure(std::string_view why);
  /// Whether the getters should stop (the run ended and the topic stayed quiet long enough).
  bool done(Clock::time_point now) const;
  /// A getter stopped; the last one wakes finish().
  void on_stopped();
  void stop();

  Clock& clock_;
  Clock::time_point start_;
  std::string request_;
  boost::asio::io_context io_;
  std::vector<std::unique_ptr<Getter>> getters_;
  // Touched by the drain's thread; the run's end is set from the caller's, under the mutex.
  mutable std::mutex mutex_;
  std::condition_variable stopped_cv_;
  unsigned stopped_ = 0;
  bool ending_ = false;
  Clock::time_point end_{};
  Clock::time_point last_record_{};
  EgressResult result_;
  std::thread thread_;
};

}  // namespace statefun::load
