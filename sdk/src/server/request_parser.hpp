// RequestParser: an incremental, allocation-free HTTP/1.1 request parser over a flat buffer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace statefun::detail::http {

/// Why a request was rejected, with the HTTP status that says so.
struct ParseError {
  int status = 0;           ///< 400, 413, 431, 501 or 505
  std::string_view reason;  ///< a short English text for a text/plain body
};

/// Parses one request at a time from a flat buffer that holds the request from its first byte.
///
/// Keeps no copy and builds no header map: it records the request line and the few headers the
/// server acts on (Content-Type, Content-Length, Transfer-Encoding, Connection, Expect, Host) as
/// offsets into the buffer. A chunked body is decoded in place, so body() is always contiguous.
/// Each call resumes where the previous one stopped; the buffer may move between calls (offsets
/// are relative to data) but its bytes must stay as the previous call left them.
///
/// Example:
///   RequestParser parser({.max_header_bytes = 65536, .max_body_bytes = 1 << 20});
///   if (parser.parse(buf, n) == RequestParser::State::headers_done) ...;  // check the head
///   if (parser.parse(buf, n) == RequestParser::State::done) use(parser.body());
///   parser.reset();  // then parse buf + parser.consumed() for the next request
class RequestParser {
 public:
  /// Size limits; a request over them fails with 431 (head) or 413 (body).
  struct Limits {
    std::size_t max_header_bytes = std::size_t{64} * 1024;  ///< request line plus headers
    std::size_t max_body_bytes = std::size_t{32} << 20;     ///< decoded body
  };

  /// Where a parse() call stopped.
  enum class State : std::uint8_t {
    need_more,     ///< every byte so far is valid; call again with more
    headers_done,  ///< the head is complete (returned once); call again for the body
    done,          ///< the whole request is there: body() and consumed() are valid
    error,         ///< the request is malformed or too large: see error(); close after replying
  };

  explicit RequestParser(Limits limits) noexcept : limits_(limits) {}

  /// Forgets the current request, to parse the next one.
  void reset() noexcept;

  /// Parses `data[0, size)`: the current request's bytes so far (possibly more after it).
  State parse(char* data, std::size_t size) noexcept;

  /// The request method, e.g. "POST" (valid after headers_done, until the buffer moves).
  std::string_view method() const noexcept { return view(method_); }

  /// The request target as sent, e.g. "/statefun?x=1".
  std::string_view target() const noexcept { return view(target_); }

  /// The Content-Type value without surrounding spaces; empty when absent.
  std::string_view content_type() const noexcept { return view(content_type_); }

  /// True for HTTP/1.0 (HTTP/1.1 and later 1.x otherwise).
  bool http10() const noexcept { return http10_; }

  /// Whether the connection may stay open after the reply (version and Connection header).
  bool keep_alive() const noexcept { return http10_ ? connection_keep_alive_ : !connection_close_; }

  /// Whether the client waits for "100 Continue" before it sends the body (HTTP/1.1 only).
  bool expect_continue() const noexcept { return expect_continue_ && !http10_; }

  /// Whether a body follows the head (Content-Length > 0 or chunked).
  bool has_body() const noexcept { return chunked_ || content_length_ > 0; }

  /// Bytes of the head, request line to the empty line included.
  std::size_t header_bytes() const noexcept { return body_start_; }

  /// Bytes the whole request needs, once its head is parsed and says Content-Length; else 0.
  std::size_t expected_bytes() const noexcept;

  /// The decoded body (valid after done, until the buffer moves or is written).
  std::string_view body() const noexcept { return {data_ + body_start_, body_end_ - body_start_}; }

  /// Bytes the request took in the buffer (valid after done); the next request starts there.
  std::size_t consumed() const noexcept { return pos_; }

  /// Why parsing failed (valid after error).
  const ParseError& error() const noexcept { return error_; }

 private:
  enum class Phase : std::uint8_t {
    request_line,
    fields,
    body,
    chunk_size,
    chunk_data,
    chunk_end,
    trailers,
    complete,
    failed
  };

  struct Span {
    std::uint32_t offset = 0;
    std::uint32_t size = 0;
  };

  /// The bytes a span covers in the current buffer.
  std::string_view view(Span s) const noexcept { return {data_ + s.offset, s.size}; }

  /// The span of [begin, end) in the current buffer.
  Span span(const char* begin, const char* end) const noexcept;
  /// Records the error; every later parse() returns error.
  State fail(int status, std::string_view reason) noexcept;
  /// The next complete line (CRLF or bare LF, without it), consumed; false when incomplete.
  bool next_line(std::string_view& line) noexcept;
  /// Request line and header fields.
  State parse_head() noexcept;
  /// Checks the complete head (Host, framing, body size) and picks the body's framing.
  State finish_head() noexcept;
  /// METHOD SP target SP HTTP/1.x
  bool parse_request_line(std::string_view line) noexcept;
  /// name ":" OWS value OWS, validated.
  bool parse_field(std::string_view line) noexcept;
  /// Keeps what the server acts on from one field.
  bool record_field(std::string_view name, std::string_view value) noexcept;
  /// The close and keep-alive options of a Connection field.
  void parse_connection(std::string_view value) noexcept;
  /// Digits only; repeated fields must agree.
  bool set_content_length(std::string_view value) noexcept;
  /// A Content-Length body: done once all of it is buffered.
  State parse_body() noexcept;
  /// A chunked body, decoded in place, then the trailer section.
  State parse_chunks() noexcept;
  /// Moves the buffered bytes of the current chunk to the end of the decoded body; true when
  /// the chunk is complete.
  bool copy_chunk_data() noexcept;
  /// A chunk-size line, the end of chunk data or a trailer field; nullopt to go on.
  std::optional<State> parse_chunk_line(std::string_view line) noexcept;
  /// chunk-size [chunk-ext]; checks the decoded body stays within the limit.
  bool parse_chunk_size(std::string_view line) noexcept;

  Limits limits_;
  char* data_ = nullptr;
  std::size_t size_ = 0;
  Phase phase_ = Phase::request_line;
  std::size_t pos_ = 0;         // first byte not consumed yet
  std::size_t scan_ = 0;        // where the search for the next '\n' resumes
  std::size_t body_start_ = 0;  // end of the head
  std::size_t body_end_ = 0;    // end of the (decoded) body so far
  std::size_t chunk_left_ = 0;  // data bytes left in the current chunk
  std::uint64_t content_length_ = 0;
  Span method_;
  Span target_;
  Span content_type_;
  ParseError error_;
  std::uint8_t host_count_ = 0;
  bool has_content_length_ = false;
  bool chunked_ = false;
  bool http10_ = false;
  bool connection_close_ = false;
  bool connection_keep_alive_ = false;
  bool expect_continue_ = false;
};

}  // namespace statefun::detail::http
