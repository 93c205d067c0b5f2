// RequestHead: the head of the POST a client sends a function, written once and reused.
// Part of statefun::http, an internal target: not installed, not an API.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace statefun::http {

/// The fixed part of a POST of ToFunction bytes, as the runtime's transports send it
/// (PROTOCOL.md 4.2: Content-Type and Accept application/octet-stream), built once; write()
/// appends a whole request for one body without allocating once `out` has grown.
///
/// Example:
///   const RequestHead head("127.0.0.1:8000", "/statefun", "sft");
///   std::string request;
///   head.write(body, request);  // "POST /statefun HTTP/1.1\r\nHost: ...\r\n\r\n" + body
class RequestHead {
 public:
  /// `host` is the Host header's value, `target` the request target, `user_agent` the product.
  RequestHead(std::string_view host, std::string_view target, std::string_view user_agent);

  /// Replaces `out` with the request line, the headers and `body`.
  void write(std::string_view body, std::string& out) const;

 private:
  std::string prefix_;  // the request line and fixed headers, up to "Content-Length: "
};

}  // namespace statefun::http
