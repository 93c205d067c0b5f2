// PlaygroundEgressQueues: what the playground HTTP egress holds for its readers, per topic,
// and the readers that wait for the next record.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "local_http_server.hpp"

namespace statefun::runtime::detail {

/// The playground egress's per-topic FIFOs that a request for `/<topic>` pops, as the
/// playground keeps them (PROTOCOL.md 4.3): at most `capacity` payloads per topic (2^20
/// there), a record for a full queue dropped and counted. One addition: a request with
/// `?wait=DURATION` (Flink's duration syntax, at most 10 minutes) for an empty topic waits for
/// its next record that long, so a script or test need not poll.
///
/// Example:
///   PlaygroundEgressQueues queues(io, {"greetings"});
///   queues.push("greetings", "Welcome Bob");
///   queues.request("/greetings", reply);  // replies "Welcome Bob"; then "" when empty
class PlaygroundEgressQueues {
 public:
  static constexpr std::size_t kPlaygroundCapacity = std::size_t{1} << 20;

  /// Timers of waiting requests run on `io`.
  PlaygroundEgressQueues(boost::asio::io_context& io,
                         const std::vector<std::string>& topics,
                         std::size_t capacity = kPlaygroundCapacity);
  ~PlaygroundEgressQueues() = default;
  PlaygroundEgressQueues(const PlaygroundEgressQueues&) = delete;
  PlaygroundEgressQueues& operator=(const PlaygroundEgressQueues&) = delete;
  PlaygroundEgressQueues(PlaygroundEgressQueues&&) = delete;
  PlaygroundEgressQueues& operator=(PlaygroundEgressQueues&&) = delete;

  /// A payload of `topic`: to the oldest request waiting for it, else queued; false when the
  /// topic is unknown or its queue is full and the payload was dropped.
  bool push(const std::string& topic, std::string payload);

  /// Answers any request for `target` ("/<topic>[?wait=DURATION]"): 200 with the oldest payload
  /// of the topic, removed, as raw bytes without a Content-Type; when there is none, 200 with an
  /// empty body (what the playground's clients see), after the wait if one is asked; 404 with
  /// a reason for an unknown topic (the playground answers 200 with a "Status: 405" header),
  /// 400 for a bad wait.
  void request(std::string_view target, const LocalHttpServer::Reply& reply);

  /// Payloads dropped because their queue was full.
  std::uint64_t dropped() const noexcept { return dropped_; }

 private:
  struct Waiter;

  struct Topic {
    std::deque<std::string> payloads;
    std::deque<std::shared_ptr<Waiter>> waiters;
  };

  /// The 404 for a topic the egress does not have.
  LocalResponse unknown_topic(const std::string& name) const;

  /// Parks `reply` until `topic` gets a payload or `wait` passes.
  void wait_for_next(Topic& topic, std::string_view wait, const LocalHttpServer::Reply& reply);

  boost::asio::io_context& io_;
  std::map<std::string, Topic, std::less<>> topics_;
  std::size_t capacity_;
  std::uint64_t dropped_ = 0;
};

}  // namespace statefun::runtime::detail
