#include "validator.hpp"

#include <statefun/testkit/json_form.hpp>
#include <statefun/testkit/json_match.hpp>
#include <statefun/testkit/response.hpp>

#include "sdk/request-reply.pb.h"

namespace statefun::load {

struct Validator::Impl {
  io::statefun::sdk::reqreply::FromFunction message;
};

Validator::Validator() : impl_(std::make_unique<Impl>()) {}

Validator::~Validator() = default;

namespace {

std::string excerpt(std::string_view body) {
  constexpr std::size_t kMax = 200;
  std::string text(body.substr(0, kMax));
  for (char& c : text) {
    if (c == '\n' || c == '\r' || static_cast<unsigned char>(c) < 0x20) {
      c = ' ';
    }
  }
  return body.size() > kMax ? text + "..." : text;
}

std::optional<FailureKind> check_expected_response(const nlohmann::json& expected,
                                                   std::string_view body,
                                                   std::string& message) {
  try {
    const nlohmann::json actual = testkit::to_json(testkit::decode_response(body));
    std::string where;
    if (testkit::json_contains(actual, expected, &where)) {
      return std::nullopt;
    }
    message = "the response differs at " + (where.empty() ? std::string("the top") : where) + ": " +
              actual.dump();
  } catch (const std::exception& e) {
    message = std::string("the response does not decode: ") + e.what();
  }
  return FailureKind::expectation;
}

}  // namespace

std::optional<FailureKind> Validator::check(const RequestKind& kind,
                                            const ResponseHead& head,
                                            std::string_view body,
                                            std::string& message) {
  if (head.status != kind.expect.status) {
    message = "HTTP " + std::to_string(head.status) + " (expected " +
              std::to_string(kind.expect.status) + ")" + (body.empty() ? "" : ": " + excerpt(body));
    return FailureKind::status;
  }
  if (head.status != 200) {
    return std::nullopt;  // an expected error status: nothing more to check
  }
  if (!head.octet_stream) {
    message = "Content-Type is not application/octet-stream";
    return FailureKind::content_type;
  }
  if (!impl_->message.ParseFromArray(body.data(), static_cast<int>(body.size()))) {
    message = "the body is not a FromFunction (" + std::to_string(body.size()) + " bytes)";
    return FailureKind::decode;
  }
  const bool resent = kind.resolve_state && impl_->message.has_incomplete_invocation_context();
  if (kind.expect.response && !resent) {  // a missing-state reply is sent again, not judged
    return check_expected_response(*kind.expect.response, body, message);
  }
  return std::nullopt;
}

bool Validator::missing_state(std::vector<std::string>& names) const {
  names.clear();
  if (!impl_->message.has_incomplete_invocation_context()) {
    return false;
  }
  for (const auto& missing : impl_->message.incomplete_invocation_context().missing_values()) {
    names.push_back(missing.state_name());
  }
  return true;
}

void Validator::state_mutations(std::vector<testkit::StateMutation>& mutations) const {
  mutations.clear();
  if (!impl_->message.has_invocation_result()) {
    return;
  }
  using Mutation = io::statefun::sdk::reqreply::FromFunction_PersistedValueMutation;
  for (const auto& m : impl_->message.invocation_result().state_mutations()) {
    testkit::StateMutation mutation;
    mutation.name = m.state_name();
    mutation.kind = m.mutation_type() == Mutation::MODIFY ? testkit::StateMutation::Kind::modify
                                                          : testkit::StateMutation::Kind::remove;
    if (m.has_state_value()) {
      mutation.value = TypedValue{m.state_value().typename_(), true, m.state_value().value()};
    }
    mutations.push_back(std::move(mutation));
  }
}

}  // namespace statefun::load
