#include <statefun/context.hpp>
#include <statefun/error.hpp>

namespace statefun {

void Context::send(Message message) {
  effects_.messages.push_back(std::move(message));
}

void Context::send_after(std::chrono::milliseconds delay,
                         Message message,
                         std::string cancellation_token) {
  if (delay.count() < 0) {
    throw Error(errc::invalid_argument,
                "send_after to " + message.target().str() + ": the delay must not be negative");
  }
  effects_.delayed.push_back(
      DelayedMessage{delay, std::move(message), std::move(cancellation_token), false});
}

void Context::cancel_delayed_message(std::string cancellation_token) {
  if (cancellation_token.empty()) {
    throw Error(errc::invalid_argument, "cancel_delayed_message needs a non-empty token");
  }
  effects_.delayed.push_back(DelayedMessage{
      std::chrono::milliseconds(0), std::nullopt, std::move(cancellation_token), true});
}

void Context::send_egress(EgressMessage message) {
  effects_.egress.push_back(std::move(message));
}

}  // namespace statefun
