
#include "validator.hpp"

#include <exception>
#include <utility>

#include <statefun/http/syntax.hpp>
#include <statefun/protocol/json_form.hpp>
#include <statefun/protocol/json_match.hpp>
#include <statefun/protocol/response.hpp>
#include <statefun/wire/from_function.hpp>

namespace statefun::load {

struct Validator::Impl {
  wire::FromFunctionView message;  ///< views into the body of the last checked answer
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
    const nlohmann::json actual = protocol::to_json(protocol::decode_response(body));
    std::string where;
    if (protocol::json_contains(actual, expected, &where)) {
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

std::optional<FailureKind> Validator::check_ingress(int status,
                                                    std::string_view body,
                                                    std::string& message) {
  constexpr int kOk = 200;
  constexpr int kNotOk = 300;
  if (status >= kOk && status < kNotOk) {
    return std::nullopt;
  }
  message = "HTTP " + std::to_string(status) + " from the ingress" +
            (body.empty() ? "" : ": " + excerpt(body));
  return FailureKind::status;
}

std::optional<FailureKind> Validator::check(const RequestKind& kind,
                                            int status,
                                            std::string_view content_type,
                                            std::string_view body,
                                            std::string& message) {
  if (status != kind.expect.status) {
    message = "HTTP " + std::to_string(status) + " (expected " +
              std::to_string(kind.expect.status) + ")" + (body.empty() ? "" : ": " + excerpt(body));
    return FailureKind::status;
  }
  if (status != 200) {
    return std::nullopt;  // an expected error status: nothing more to check
  }
  if (!http::iequals(content_type, "application/octet-stream")) {  // exactly, as the runtime
    message = "Content-Type is not application/octet-stream";
    return FailureKind::content_type;
  }
  if (!wire::parse_from_function(body, impl_->message)) {
    message = "the body is not a FromFunction (" + std::to_string(body.size()) + " bytes)";
    return FailureKind::decode;
  }
  const bool resent =
      kind.resolve_state &&
      impl_->message.kind == wire::FromFunctionView::Kind::incomplete_invocation_context;
  if (kind.expect.response && !resent) {  // a missing-state reply is sent again, not judged
    return check_expected_response(*kind.expect.response, body, message);
  }
  return std::nullopt;
}

bool Validator::missing_state(std::vector<std::string>& names) const {
  names.clear();
  if (impl_->message.kind != wire::FromFunctionView::Kind::incomplete_invocation_context) {
    return false;
  }
  for (const auto& missing : impl_->message.missing_values) {
    names.emplace_back(missing.name);
  }
  return true;
}

void Validator::state_mutations(std::vector<protocol::StateMutation>& mutations) const {
  mutations.clear();
  if (impl_->message.kind != wire::FromFunctionView::Kind::invocation_result) {
    return;
  }
  for (const auto& m : impl_->message.mutations) {
    protocol::StateMutation mutation;
    mutation.name = std::string(m.name);
    mutation.kind = m.mutation_type == wire::kModify ? protocol::StateMutation::Kind::modify
                                                     : protocol::StateMutation::Kind::remove;
    if (m.value.present) {
      mutation.value = TypedValue{std::string(m.value.type_name), true, std::string(m.value.value)};
    }
    mutations.push_back(std::move(mutation));
  }
}

}  // namespace statefun::load
