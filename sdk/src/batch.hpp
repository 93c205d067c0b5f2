// RequestReplyHandler::Batch: one invocation batch, from its state to its reply (PROTOCOL.md
// 2.1-2.4).
#pragma once

#include <string>
#include <vector>

#include <statefun/context.hpp>
#include <statefun/functions.hpp>
#include <statefun/handler.hpp>
#include <statefun/storage.hpp>
#include <statefun/wire/to_function.hpp>

namespace statefun {

/// Resolves the declared state of one batch against the request, runs its invocations in order
/// over one storage, and writes the reply: the effects and mutations, or the missing state.
///
/// Example:
///   RequestReplyHandler::Batch batch(function, request);
///   std::string reply = batch.run();
class RequestReplyHandler::Batch {
 public:
  /// `request` is a parsed ToFunction whose target is bound to `function`.
  Batch(const StatefulFunctionSpec& function, const wire::ToFunctionView& request);

  /// The FromFunction bytes: IncompleteInvocationContext when a declared state is missing
  /// (no code runs), else the invocation result. Throws statefun::Error as handle() says.
  std::string run();

 private:
  /// Seeds one cell per declared spec from the request; lists the specs it lacks in missing_.
  void resolve_state();
  /// Runs one invocation; maps what the function throws to errc::invalid_message or
  /// errc::function_failed.
  void invoke(const wire::InvocationView& invocation, Context& context) const;
  /// FromFunction{invocation_result}: mutations in declaration order, then messages, delayed
  /// messages and egress in call order.
  static std::string write_result(const Context::Effects& effects, const Storage& storage);
  /// FromFunction{incomplete_invocation_context} listing missing_.
  std::string write_missing_state() const;

  const StatefulFunctionSpec& function_;
  const wire::ToFunctionView& request_;
  std::vector<Storage::Cell> cells_;
  std::vector<const ValueSpecBase*> missing_;
};

}  // namespace statefun
