// Validator: checks one answer as the runtime would (status, content type, FromFunction) and
// against the request kind's expectation.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <statefun/load/request_kind.hpp>
#include <statefun/load/result.hpp>
#include <statefun/protocol/response.hpp>

namespace statefun::load {

/// Validates answers; one per thread (it reuses one decoded message, so steady-state
/// validation does not allocate).
class Validator {
 public:
  Validator();
  ~Validator();
  Validator(const Validator&) = delete;
  Validator& operator=(const Validator&) = delete;

  /// nullopt for a good answer, else the failure kind; `message` then says why (it is only
  /// written on failure).
  std::optional<FailureKind> check(const RequestKind& kind,
                                   int status,
                                   std::string_view content_type,
                                   std::string_view body,
                                   std::string& message);

  /// Checks a playground ingress's answer: any 2xx is good; otherwise FailureKind::status,
  /// `message` saying the status and the start of the body.
  static std::optional<FailureKind> check_ingress(int status,
                                                  std::string_view body,
                                                  std::string& message);

  /// After a good check: true when the answer asks for state, with the missing names.
  bool missing_state(std::vector<std::string>& names) const;

  /// After a good check: the state mutations of the answer.
  void state_mutations(std::vector<protocol::StateMutation>& mutations) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace statefun::load
