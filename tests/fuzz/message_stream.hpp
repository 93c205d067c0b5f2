// A stream of HTTP messages parsed as a connection parses it: the bytes arrive in reads appended
// to an http::ReadBuffer, statefun::http::MessageParser runs over the buffer after each read,
// and each finished message is dropped from the buffer before the next one is parsed. Records
// what every message parsed to, for the split-versus-whole differential.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <statefun/http/message_parser.hpp>

namespace statefun::fuzz {

/// The limits the HTTP fuzz targets parse with: the server's checks (64 KiB of head, 32 MiB of
/// body by default) on a scale the fuzzer reaches with inputs of a few KiB.
inline constexpr http::MessageParser::Limits kFuzzLimits{.max_header_bytes = 512,
                                                         .max_body_bytes = 2048};

/// What one message of a stream parsed to: its head as seen at headers_done, its body at done,
/// its error at error. What was not reached keeps its default.
struct MessageRecord {
  http::MessageParser::State state = http::MessageParser::State::need_more;  ///< done or error
  int error_status = 0;
  std::string error_reason;
  bool head_done = false;
  std::string method;
  std::string target;
  int status = 0;
  std::string content_type;
  bool http10 = false;
  bool expect_continue = false;
  bool has_body = false;
  std::size_t header_bytes = 0;
  std::size_t expected_bytes = 0;
  std::string body;
  std::size_t consumed = 0;
  bool keep_alive = false;

  friend bool operator==(const MessageRecord&, const MessageRecord&) = default;
};

/// The messages of `input`, arriving in reads that end at `read_ends` (strictly ascending, the
/// last one input.size()). As sdk/src/server/connection.cpp (requests) and
/// http/src/client_connection.cpp (responses) do: parse after each read, parse again after
/// headers_done, and after done drop the message and reset, unless the connection closes after
/// it (keep_alive() false; a client skips an interim 1xx answer whatever it says). Stops at an
/// error, at such a close, or when every byte is consumed; at the end of the input a message
/// still unfinished gets finish().
std::vector<MessageRecord> parse_stream(http::MessageParser::Kind kind,
                                        std::string_view input,
                                        const std::vector<std::size_t>& read_ends);

/// The records, one line each, for a finding's report.
std::string describe(const std::vector<MessageRecord>& records);

}  // namespace statefun::fuzz
