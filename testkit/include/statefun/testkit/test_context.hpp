// TestContext: call one function directly with a fake context, and read what it did.
#pragma once

#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <statefun/address.hpp>
#include <statefun/context.hpp>
#include <statefun/functions.hpp>
#include <statefun/message.hpp>
#include <statefun/protocol/response.hpp>
#include <statefun/storage.hpp>
#include <statefun/value_spec.hpp>

namespace statefun::testkit {

/// A function-level test, as the Java SDK's testing.TestContext: the context of one instance
/// (`self`, a caller), its declared state seeded by the test, and everything the function sent
/// and wrote, as values. No bytes, handler or server are involved: a function is called the way
/// the handler calls it, one message at a time, with the same state rules (an undeclared state
/// or another type is an error) and the same checks (a negative delay, an empty token).
///
/// Example:
///   TestContext test(Address("example/person", "George"), {visits});
///   test.set_state(visits, 2);
///   test.call(person,
///             MessageBuilder("example/person", "George")
///                 .with_value(greet_request, {{"name", "George"}})
///                 .build());
///   EXPECT_EQ(test.state(visits), 3);
///   ASSERT_EQ(test.sent_messages().size(), 1U);
///   EXPECT_EQ(test.sent_messages()[0].target(), Address("example/greeter", "George"));
class TestContext {
 public:
  /// The context of `self`, whose function declares `specs` (none has a value yet).
  TestContext(Address self, std::vector<ValueSpecBase> specs);
  ~TestContext() = default;
  TestContext(const TestContext&) = delete;
  TestContext& operator=(const TestContext&) = delete;

  /// Seeds a state value, as the runtime would attach it (not a write of the function).
  template <typename T>
  void set_state(const ValueSpec<T>& spec, const std::type_identity_t<T>& value) {
    seed(spec.name(), TypedValue{spec.type_name().str(), true, spec.type().serialize(value)});
  }

  /// Seeds a state with any typed value: another typename tests a type mismatch.
  void set_state(const std::string& name, const TypedValue& value) { seed(name, value); }

  /// The current value of a state, as the function would read it (throws as Storage::get).
  template <typename T>
  std::optional<T> state(const ValueSpec<T>& spec) const {
    return storage_.get(spec);
  }

  /// The sender of the next messages; nullopt (the default) for an ingress.
  void set_caller(std::optional<Address> caller) { caller_ = std::move(caller); }

  /// Calls `function` with `message`, in this context; what it throws reaches the test.
  void call(const StatefulFunction& function, const Message& message);

  /// Messages sent so far, in order.
  const std::vector<Message>& sent_messages() const noexcept { return effects_.messages; }

  /// Delayed messages and cancellations sent so far, in order.
  const std::vector<DelayedMessage>& sent_delayed_messages() const noexcept {
    return effects_.delayed;
  }

  /// Egress records sent so far, in order.
  const std::vector<EgressMessage>& sent_egress() const noexcept { return effects_.egress; }

  /// The mutations the reply would carry for the writes and removals so far, in declaration
  /// order (a MODIFY with the value, or a DELETE).
  std::vector<protocol::StateMutation> mutations() const;

  /// Forgets what was sent and which states were written (their values stay).
  void clear_effects();

  /// The context itself, for code that takes a Context& but is not a StatefulFunction.
  Context& context() noexcept { return context_; }

 private:
  void seed(const std::string& name, const TypedValue& value);

  Address self_;
  std::vector<ValueSpecBase> specs_;  // the storage's cells point into it: never resized
  std::optional<Address> caller_;
  Storage storage_;
  Context::Effects effects_;
  Context context_;
};

}  // namespace statefun::testkit
