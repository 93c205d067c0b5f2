// MessageParser: the one HTTP/1.1 parser, for requests (the server) and responses (the clients),
// incremental and allocation-free over a flat buffer.
// Part of statefun::http, an internal target: not installed, not an API.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace statefun::http {

/// Why a message was rejected. For a request, `status` is the HTTP status that says so.
struct ParseError {
  int status = 0;           ///< 400, 413, 431, 501 or 505
  std::string_view reason;  ///< a short English text, e.g. for a text/plain body
};

/// Parses one message at a time from a flat buffer that holds it from its first byte.
///
/// Keeps no copy and builds no header map: it records the start line and the few headers the
/// server and the clients act on (Content-Type, Content-Length, Transfer-Encoding, Connection,
/// Expect, Host) as offsets into the buffer. A chunked body is decoded in place, so body() is
/// always contiguous. Each call resumes where the previous one stopped; the buffer may move
/// between calls (offsets are relative to data) but its bytes must stay as the previous call
/// left them. Every limit is checked the same way however the bytes arrive (whole or split at
/// any point), and numbers are parsed with overflow checks.
///
/// Body framing (RFC 9112 6.3): chunked, else Content-Length, else for a request no body; for a
/// response none after 1xx, 204 and 304, else everything until the server closes (finish()).
///
/// Example:
///   MessageParser parser(MessageParser::Kind::request, {.max_body_bytes = 1 << 20});
///   if (parser.parse(buf, n) == MessageParser::State::headers_done) { /* check the head */ }
///   if (parser.parse(buf, n) == MessageParser::State::done) { use(parser.body()); }
///   parser.reset();  // then parse buf + parser.consumed() for the next message
class MessageParser {
 public:
  enum class Kind : std::uint8_t { request, response };

  /// Size limits; a message over them fails (a request with 431 for the head, 413 the body).
  struct Limits {
    std::size_t max_header_bytes = std::size_t{64} * 1024;  ///< start line plus headers
    std::size_t max_body_bytes = std::size_t{32} << 20;     ///< decoded body
  };

  /// Where a parse() call stopped.
  enum class State : std::uint8_t {
    need_more,     ///< every byte so far is valid; call again with more
    headers_done,  ///< the head is complete (returned once); call again for the body
    done,          ///< the whole message is there: body() and consumed() are valid
    error,         ///< the message is malformed or too large: see error()
  };

  MessageParser(Kind kind, Limits limits) noexcept : kind_(kind), limits_(limits) {}

  /// Forgets the current message, to parse the next one.
  void reset() noexcept;

  /// Parses `data[0, size)`: the current message's bytes so far (possibly more after it).
  State parse(char* data, std::size_t size) noexcept;

  /// The peer closed the connection after `data[0, size)` (which parse() has seen): completes a
  /// response whose body runs until the close; any other unfinished message is an error.
  State finish(char* data, std::size_t size) noexcept;

  /// A request's method, e.g. "POST" (valid after headers_done, until the buffer moves).
  std::string_view method() const noexcept { return view(method_); }

  /// A request's target as sent, e.g. "/statefun?x=1".
  std::string_view target() const noexcept { return view(target_); }

  /// A response's status code (valid after headers_done).
  int status() const noexcept { return status_; }

  /// The Content-Type value without surrounding spaces; empty when absent.
  std::string_view content_type() const noexcept { return view(content_type_); }

  /// True for HTTP/1.0 (HTTP/1.1 and later 1.x otherwise).
  bool http10() const noexcept { return http10_; }

  /// Whether the connection may carry another message after this one (version, Connection
  /// header, and for a response a body that does not run until the close).
  bool keep_alive() const noexcept;

  /// Whether a request's client waits for "100 Continue" before it sends the body (HTTP/1.1).
  bool expect_continue() const noexcept { return expect_continue_ && !http10_; }

  /// Whether a body follows the head.
  bool has_body() const noexcept;

  /// Bytes of the head, start line to the empty line included.
  std::size_t header_bytes() const noexcept { return body_start_; }

  /// Bytes the whole message needs, once its head is parsed and says Content-Length; else 0.
  std::size_t expected_bytes() const noexcept;

  /// The decoded body (valid after done, until the buffer moves or is written).
  std::string_view body() const noexcept { return {data_ + body_start_, body_end_ - body_start_}; }

  /// Bytes the message took in the buffer (valid after done); the next one starts there.
  std::size_t consumed() const noexcept { return pos_; }

  /// Why parsing failed (valid after error).
  const ParseError& error() const noexcept { return error_; }

 private:
  enum class Phase : std::uint8_t {
    start_line,
    fields,
    body,
    body_until_close,
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

  /// The span of `s` (a view into the current buffer).
  Span span(std::string_view s) const noexcept;
  /// "request body too large" or "response body too large".
  std::string_view body_too_large() const noexcept;
  /// Records the error; every later parse() returns error.
  State fail(int status, std::string_view reason) noexcept;
  /// The next complete line (CRLF or bare LF, without it), consumed; false when incomplete.
  bool next_line(std::string_view& line) noexcept;
  /// Start line and header fields.
  State parse_head() noexcept;
  /// Checks the complete head (Host, framing, body size) and picks the body's framing.
  State finish_head() noexcept;
  /// METHOD SP target SP HTTP/1.x
  bool parse_request_line(std::string_view line) noexcept;
  /// HTTP/1.x SP 3DIGIT [SP reason]
  bool parse_status_line(std::string_view line) noexcept;
  /// HTTP/1.x: true when it is; sets http10_ (505 for another major version).
  bool parse_version(std::string_view version) noexcept;
  /// name ":" OWS value OWS, validated.
  bool parse_field(std::string_view line) noexcept;
  /// Keeps what the server and the clients act on from one field.
  bool record_field(std::string_view name, std::string_view value) noexcept;
  /// Digits only, without overflow; repeated fields must agree.
  bool set_content_length(std::string_view value) noexcept;
  /// The framing of a response body.
  State frame_response() noexcept;
  /// A Content-Length body: done once all of it is buffered.
  State parse_body() noexcept;
  /// A body until the close: everything buffered, within the limit.
  State parse_until_close() noexcept;
  /// A chunked body, decoded in place, then the trailer section.
  State parse_chunks() noexcept;
  /// Moves the buffered bytes of the current chunk to the end of the decoded body; true when
  /// the chunk is complete.
  bool copy_chunk_data() noexcept;
  /// A chunk-size line, the end of chunk data or a trailer field; nullopt to go on.
  std::optional<State> parse_chunk_line(std::string_view line) noexcept;
  /// The bytes after pos_ hold no line end yet: an error if they cannot become a valid line.
  State check_partial_chunk_line() noexcept;
  /// chunk-size [chunk-ext]; checks the decoded body stays within the limit.
  bool parse_chunk_size(std::string_view line) noexcept;

  Kind kind_;
  Limits limits_;
  char* data_ = nullptr;
  std::size_t size_ = 0;
  Phase phase_ = Phase::start_line;
  std::size_t pos_ = 0;         // first byte not consumed yet
  std::size_t scan_ = 0;        // where the search for the next '\n' resumes
  std::size_t body_start_ = 0;  // end of the head
  std::size_t body_end_ = 0;    // end of the (decoded) body so far
  std::size_t chunk_left_ = 0;  // data bytes left in the current chunk
  std::size_t trailer_bytes_ = 0;
  std::uint64_t content_length_ = 0;
  Span method_;
  Span target_;
  Span content_type_;
  ParseError error_;
  int status_ = 0;
  std::uint8_t host_count_ = 0;
  bool has_content_length_ = false;
  bool chunked_ = false;
  bool http10_ = false;
  bool connection_close_ = false;
  bool connection_keep_alive_ = false;
  bool expect_continue_ = false;
};

}  // namespace statefun::http
