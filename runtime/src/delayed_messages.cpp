// The delayed-message buffer: due-time order, per-sender cancellation tokens.
#include "delayed_messages.hpp"

namespace statefun::runtime::detail {

DelayedMessages::Refusal DelayedMessages::add(DelayedMessage message) {
  const Key key{message.due, sequence_++};
  if (!message.cancellation_token.empty()) {
    const auto [it, inserted] =
        tokens_.try_emplace({message.sender.str(), message.cancellation_token}, key);
    if (!inserted) {
      return Refusal::duplicate_token;
    }
  }
  queue_.emplace(key, std::move(message));
  return Refusal::none;
}

std::optional<DelayedMessage> DelayedMessages::cancel(const Address& sender,
                                                      const std::string& token) {
  const auto found = tokens_.find({sender.str(), token});
  if (found == tokens_.end()) {
    return std::nullopt;
  }
  const auto message = queue_.find(found->second);
  tokens_.erase(found);
  if (message == queue_.end()) {
    return std::nullopt;
  }
  DelayedMessage cancelled = std::move(message->second);
  queue_.erase(message);
  return cancelled;
}

std::optional<Clock::time_point> DelayedMessages::next_due() const {
  if (queue_.empty()) {
    return std::nullopt;
  }
  return queue_.begin()->first.first;
}

std::vector<DelayedMessage> DelayedMessages::take_due(Clock::time_point now) {
  std::vector<DelayedMessage> due;
  while (!queue_.empty() && queue_.begin()->first.first <= now) {
    DelayedMessage& message = queue_.begin()->second;
    if (!message.cancellation_token.empty()) {
      tokens_.erase({message.sender.str(), message.cancellation_token});
    }
    due.push_back(std::move(message));
    queue_.erase(queue_.begin());
  }
  return due;
}

std::vector<const DelayedMessage*> DelayedMessages::pending() const {
  std::vector<const DelayedMessage*> out;
  out.reserve(queue_.size());
  for (const auto& [key, message] : queue_) {
    out.push_back(&message);
  }
  return out;
}

}  // namespace statefun::runtime::detail
