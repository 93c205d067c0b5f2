// Clients: call a function service with a Request and get its Response, in-process or over HTTP.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include <statefun/handler.hpp>
#include <statefun/protocol/request.hpp>
#include <statefun/protocol/response.hpp>

namespace statefun::testkit {

/// Why a call failed; each kind gets its own clear message.
enum class CallErrorKind {
  connect,       ///< the connection was refused or could not be made
  timeout,       ///< connecting or answering took too long
  transport,     ///< the connection broke, or the answer was not valid HTTP
  status,        ///< the service answered a status other than 200 (status() and body())
  content_type,  ///< 200, but not Content-Type application/octet-stream
  decode,        ///< 200, but the body is not a FromFunction
};

/// The short name of a kind: "connect", "timeout", "transport", "status", "content-type", "decode".
std::string_view to_string(CallErrorKind kind) noexcept;

/// A failed call. For kind() == status, status() and body() hold the service's answer.
class CallError : public std::runtime_error {
 public:
  CallError(CallErrorKind kind, const std::string& what, int status = 0, std::string body = {})
      : std::runtime_error(what), kind_(kind), status_(status), body_(std::move(body)) {}

  CallErrorKind kind() const noexcept { return kind_; }

  int status() const noexcept { return status_; }

  const std::string& body() const noexcept { return body_; }

 private:
  CallErrorKind kind_;
  int status_;
  std::string body_;
};

/// Calls one function service.
class Client {
 public:
  virtual ~Client() = default;

  /// Sends ToFunction bytes and returns the FromFunction bytes. Throws CallError.
  virtual std::string call_bytes(std::string_view request) = 0;

  /// Encodes, sends and decodes. Throws CallError (kind decode when the answer does not parse).
  protocol::Response call(const protocol::Request& request);
};

/// Calls a handler in this process, mapping its errors to the statuses the Server would send
/// (400 malformed request, 422 invalid message, 500 otherwise) as CallError kind status.
///
/// Example:
///   InProcessClient client(RequestReplyHandler(std::move(functions)));
///   const Response r = client.call(RequestBuilder("example/person/Ann")
///                                      .with_state("visits", int_type(), 1)
///                                      .with_invocation(greet_request, {{"name", "Ann"}})
///                                      .build());
class InProcessClient : public Client {
 public:
  explicit InProcessClient(RequestReplyHandler handler) : handler_(std::move(handler)) {}

  std::string call_bytes(std::string_view request) override;

 private:
  RequestReplyHandler handler_;
};

}  // namespace statefun::testkit
