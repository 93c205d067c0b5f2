// Parsing an HTTP/1.1 response from a connection's buffer, by hand and without allocating.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace statefun::load {

/// What the head of a response says.
struct ResponseHead {
  int status = 0;
  bool octet_stream = false;  ///< Content-Type is exactly application/octet-stream
  bool close = false;         ///< Connection: close, or HTTP/1.0 without keep-alive
  bool chunked = false;
  std::size_t content_length = 0;
  bool has_length = false;
  std::size_t head_size = 0;  ///< bytes up to and including the blank line
};

enum class ParseStatus { incomplete, complete, invalid };

/// Parses the head at the start of `data`: incomplete until the blank line has arrived.
ParseStatus parse_head(std::string_view data, ResponseHead& head);

/// Finds the body after a parsed head. For Content-Length, `body` views `data`; for chunked
/// bodies the chunks are copied into `scratch` and `body` views it. `consumed` is the size of
/// the whole response. Incomplete until every byte has arrived; a response with neither
/// length nor chunking is invalid (this client never reads until close).
ParseStatus parse_body(std::string_view data,
                       const ResponseHead& head,
                       std::string& scratch,
                       std::string_view& body,
                       std::size_t& consumed);

}  // namespace statefun::load
