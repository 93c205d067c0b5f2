#include <statefun/error.hpp>
#include <statefun/testkit/client.hpp>

namespace statefun::testkit {

std::string_view to_string(CallErrorKind kind) noexcept {
  switch (kind) {
    case CallErrorKind::connect:
      return "connect";
    case CallErrorKind::timeout:
      return "timeout";
    case CallErrorKind::transport:
      return "transport";
    case CallErrorKind::status:
      return "status";
    case CallErrorKind::content_type:
      return "content-type";
    case CallErrorKind::decode:
      return "decode";
  }
  return "unknown";
}

protocol::Response Client::call(const protocol::Request& request) {
  const std::string reply = call_bytes(encode_request(request));
  try {
    return protocol::decode_response(reply);
  } catch (const Error& e) {
    throw CallError(CallErrorKind::decode,
                    "the answer (" + std::to_string(reply.size()) +
                        " bytes) is not a FromFunction: " + e.what());
  }
}

std::string InProcessClient::call_bytes(std::string_view request) {
  try {
    return handler_.handle(request);
  } catch (const Error& e) {
    const int status = http_status(static_cast<errc>(e.code().value()));
    throw CallError(CallErrorKind::status,
                    "HTTP " + std::to_string(status) + ": " + e.what(),
                    status,
                    e.what());
  }
}

}  // namespace statefun::testkit
