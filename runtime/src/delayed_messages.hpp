// DelayedMessages: the messages functions sent with a delay, until they are due, as Flink's
// DelaySink and FlinkStateDelayedMessagesBuffer keep them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <statefun/address.hpp>
#include <statefun/clock.hpp>
#include <statefun/typed_value.hpp>

namespace statefun::runtime::detail {

/// A delayed message waiting for its time.
struct DelayedMessage {
  Address sender;
  Address target;
  TypedValue argument;
  std::string cancellation_token;  ///< empty: none
  Clock::time_point due;
  std::uint64_t id = 0;  ///< the trace id of the message
};

/// Pending delayed messages, ordered by due time and then by when they were sent. Tokens are
/// scoped to the sender: a sender cannot reuse a token while a message with it is pending (the
/// runtime fails the job), and only the sender can cancel its own messages.
class DelayedMessages {
 public:
  /// What add() refuses.
  enum class Refusal : std::uint8_t { none, duplicate_token };

  /// Keeps `message` until its due time; refuses a token the sender has pending.
  Refusal add(DelayedMessage message);

  /// Removes the pending message of `sender` with `token` (not empty) and returns it; nullopt
  /// when there is none (already delivered, cancelled, or never sent: not an error).
  std::optional<DelayedMessage> cancel(const Address& sender, const std::string& token);

  /// The earliest due time, if any message is pending.
  std::optional<Clock::time_point> next_due() const;

  /// Removes and returns every message due at or before `now`, in order.
  std::vector<DelayedMessage> take_due(Clock::time_point now);

  /// The pending messages, in order (for inspection).
  std::vector<const DelayedMessage*> pending() const;

  std::size_t size() const noexcept { return queue_.size(); }

 private:
  using Key = std::pair<Clock::time_point, std::uint64_t>;  // due, then the order of sending

  std::map<Key, DelayedMessage> queue_;
  std::map<std::pair<std::string, std::string>, Key> tokens_;  // (sender, token) -> message
  std::uint64_t sequence_ = 0;
};

}  // namespace statefun::runtime::detail
