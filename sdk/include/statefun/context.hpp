// Context: what a function can do while it handles a message.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <statefun/address.hpp>
#include <statefun/egress.hpp>
#include <statefun/message.hpp>
#include <statefun/storage.hpp>

namespace statefun {

/// A message to deliver later, or the cancellation of one.
struct DelayedMessage {
  std::chrono::milliseconds delay{0};
  std::optional<Message> message;  ///< absent for a cancellation
  std::string cancellation_token;  ///< "" = no token
  bool is_cancellation = false;
};

class RequestReplyHandler;

namespace testkit {
class TestContext;
}  // namespace testkit

/// The invocation context handed to a function: its own address, the caller, its state, and
/// the ways to send messages and egress records. The handler makes one per batch;
/// testkit::TestContext makes one to call a function directly.
///
/// Example:
///   void remind(Context& context, const Message& message) {
///     const std::int32_t seen = context.storage().get(visits).value_or(0) + 1;
///     context.storage().set(visits, seen);
///     context.send(MessageBuilder("example/greeter", context.self().id).with_value(seen).build());
///     context.send_after(std::chrono::seconds(5),
///                        MessageBuilder("example/reminder", context.self().id)
///                            .with_value(message.as_string())
///                            .build(),
///                        "reminder-" + context.self().id);
///   }
class Context {
 public:
  /// The address of the instance being invoked.
  const Address& self() const noexcept { return self_; }

  /// The sender of the current message; nullopt for a message from an ingress.
  const std::optional<Address>& caller() const noexcept { return caller_; }

  /// The instance's declared state.
  Storage& storage() noexcept { return storage_; }

  /// Sends `message` to its target.
  void send(Message message);

  /// Sends `message` after `delay` (>= 0). A non-empty `cancellation_token` lets this instance
  /// cancel it with cancel_delayed_message. Throws statefun::Error(errc::invalid_argument) for
  /// a negative delay.
  void send_after(std::chrono::milliseconds delay,
                  Message message,
                  std::string cancellation_token = {});

  /// Cancels a delayed message this instance sent with `cancellation_token` (non-empty; an
  /// unknown or already delivered token is a no-op for the runtime). Throws
  /// statefun::Error(errc::invalid_argument) for an empty token.
  void cancel_delayed_message(std::string cancellation_token);

  /// Sends a record to an egress.
  void send_egress(EgressMessage message);

 private:
  friend class RequestReplyHandler;
  friend class testkit::TestContext;

  /// What the calls of a batch send, in call order.
  struct Effects {
    std::vector<Message> messages;
    std::vector<DelayedMessage> delayed;
    std::vector<EgressMessage> egress;
  };

  Context(const Address& self, Storage& storage, Effects& effects)
      : self_(self), storage_(storage), effects_(effects) {}

  /// Sets the caller of the message about to be handled.
  void set_caller(std::optional<Address> caller) { caller_ = std::move(caller); }

  const Address& self_;
  std::optional<Address> caller_;
  Storage& storage_;
  Effects& effects_;
};

}  // namespace statefun
