#include <algorithm>
#include <cstring>

#include <statefun/http/message_parser.hpp>
#include <statefun/http/syntax.hpp>

namespace statefun::http {

namespace {

/// `partial` without the carriage return that may end it: the length a line will have.
std::size_t line_length(std::string_view partial) noexcept {
  return partial.ends_with('\r') ? partial.size() - 1 : partial.size();
}

}  // namespace

void MessageParser::reset() noexcept {
  *this = MessageParser(kind_, limits_);
}

bool MessageParser::keep_alive() const noexcept {
  if (phase_ == Phase::body_until_close) {
    return false;
  }
  return http10_ ? connection_keep_alive_ : !connection_close_;
}

bool MessageParser::has_body() const noexcept {
  return chunked_ || content_length_ > 0 || phase_ == Phase::body_until_close;
}

std::size_t MessageParser::expected_bytes() const noexcept {
  const bool known = !chunked_ && (phase_ == Phase::body || phase_ == Phase::complete);
  return known ? body_start_ + static_cast<std::size_t>(content_length_) : 0;
}

MessageParser::State MessageParser::parse(char* data, std::size_t size) noexcept {
  data_ = data;
  size_ = size;
  switch (phase_) {
    case Phase::start_line:
    case Phase::fields:
      return parse_head();
    case Phase::body:
      return parse_body();
    case Phase::body_until_close:
      return parse_until_close();
    case Phase::complete:
      return State::done;
    case Phase::failed:
      return State::error;
    default:
      return parse_chunks();
  }
}

MessageParser::State MessageParser::finish(char* data, std::size_t size) noexcept {
  const State state = parse(data, size);
  if (state == State::done || state == State::error) {
    return state;
  }
  if (phase_ == Phase::body_until_close) {
    pos_ = body_end_ = size_;
    phase_ = Phase::complete;
    return State::done;
  }
  return fail(400, pos_ == 0 && size_ == 0 ? "closed before a message" : "closed within a message");
}

MessageParser::Span MessageParser::span(std::string_view s) const noexcept {
  return {static_cast<std::uint32_t>(s.data() - data_), static_cast<std::uint32_t>(s.size())};
}

std::string_view MessageParser::body_too_large() const noexcept {
  return kind_ == Kind::request ? "request body too large" : "response body too large";
}

MessageParser::State MessageParser::fail(int status, std::string_view reason) noexcept {
  error_ = {status, reason};
  phase_ = Phase::failed;
  return State::error;
}

bool MessageParser::next_line(std::string_view& line) noexcept {
  const void* newline = std::memchr(data_ + scan_, '\n', size_ - scan_);
  if (newline == nullptr) {
    scan_ = size_;
    return false;
  }
  const char* end = static_cast<const char*>(newline);
  const std::size_t next = static_cast<std::size_t>(end - data_) + 1;
  if (end > data_ + pos_ && end[-1] == '\r') {
    --end;
  }
  line = {data_ + pos_, static_cast<std::size_t>(end - (data_ + pos_))};
  pos_ = scan_ = next;
  return true;
}

MessageParser::State MessageParser::parse_head() noexcept {
  const std::string_view too_large =
      kind_ == Kind::request ? "request header too large" : "response header too large";
  std::string_view line;
  while (next_line(line)) {
    if (pos_ > limits_.max_header_bytes) {
      return fail(431, too_large);
    }
    if (phase_ == Phase::start_line) {
      if (line.empty()) {
        continue;  // RFC 9112 2.2: ignore empty lines before the start line
      }
      const bool valid =
          kind_ == Kind::request ? parse_request_line(line) : parse_status_line(line);
      if (!valid) {
        return State::error;
      }
      phase_ = Phase::fields;
    } else if (line.empty()) {
      return finish_head();
    } else if (!parse_field(line)) {
      return State::error;
    }
  }
  if (size_ > limits_.max_header_bytes) {
    return fail(431, too_large);
  }
  return State::need_more;
}

bool MessageParser::parse_version(std::string_view version) noexcept {
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (version.size() != 8 || version.substr(0, 5) != "HTTP/" || version[6] != '.' ||
      !digit(version[5]) || !digit(version[7])) {
    return false;
  }
  if (version[5] != '1') {
    fail(505, "only HTTP/1.x is supported");
    return false;
  }
  http10_ = version[7] == '0';
  return true;
}

bool MessageParser::parse_request_line(std::string_view line) noexcept {
  const std::size_t sp1 = line.find(' ');
  const std::size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos) {
    fail(400, "malformed request line");
    return false;
  }
  const std::string_view method = line.substr(0, sp1);
  const std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  if (!is_token(method) || !is_target(target)) {
    fail(400, "malformed request line");
    return false;
  }
  if (!parse_version(line.substr(sp2 + 1))) {
    if (phase_ != Phase::failed) {
      fail(400, "malformed request line");
    }
    return false;
  }
  method_ = span(method);
  target_ = span(target);
  return true;
}

bool MessageParser::parse_status_line(std::string_view line) noexcept {
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  const bool shaped = line.size() >= 12 && line[8] == ' ' && digit(line[9]) && digit(line[10]) &&
                      digit(line[11]) && line[9] != '0' && (line.size() == 12 || line[12] == ' ') &&
                      is_field_value(line.substr(12));
  if (!shaped || !parse_version(line.substr(0, 8))) {
    if (phase_ != Phase::failed) {
      fail(400, "malformed status line");
    }
    return false;
  }
  status_ = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
  return true;
}

bool MessageParser::parse_field(std::string_view line) noexcept {
  if (is_space(line.front())) {
    fail(400, "obsolete header line folding");
    return false;
  }
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || !is_token(line.substr(0, colon))) {
    fail(400, "malformed header field");
    return false;
  }
  const std::string_view value = trim(line.substr(colon + 1));
  if (!is_field_value(value)) {
    fail(400, "invalid character in header field value");
    return false;
  }
  return record_field(line.substr(0, colon), value);
}

bool MessageParser::record_field(std::string_view name, std::string_view value) noexcept {
  if (iequals(name, "content-length")) {
    return set_content_length(value);
  }
  if (iequals(name, "transfer-encoding")) {
    if (chunked_ || !iequals(value, "chunked")) {
      fail(501, "only the chunked transfer coding is supported");
      return false;
    }
    chunked_ = true;
  } else if (iequals(name, "content-type")) {
    content_type_ = span(value);
  } else if (iequals(name, "connection")) {
    connection_close_ = connection_close_ || has_option(value, "close");
    connection_keep_alive_ = connection_keep_alive_ || has_option(value, "keep-alive");
  } else if (iequals(name, "host")) {
    host_count_ = host_count_ < 2 ? host_count_ + 1 : 2;
  } else if (iequals(name, "expect")) {
    expect_continue_ = expect_continue_ || iequals(value, "100-continue");
  }
  return true;
}

bool MessageParser::set_content_length(std::string_view value) noexcept {
  const std::optional<std::uint64_t> length = parse_decimal(value);
  if (!length) {
    const bool digits_only = !value.empty() && std::all_of(value.begin(), value.end(), [](char c) {
      return c >= '0' && c <= '9';
    });
    if (digits_only) {
      fail(413, body_too_large());  // more than 2^64 - 1 bytes is over any limit
    } else {
      fail(400, "malformed Content-Length");
    }
    return false;
  }
  if (has_content_length_ && *length != content_length_) {
    fail(400, "conflicting Content-Length headers");
    return false;
  }
  has_content_length_ = true;
  content_length_ = *length;
  return true;
}

MessageParser::State MessageParser::finish_head() noexcept {
  body_start_ = body_end_ = pos_;
  if (kind_ == Kind::request && !http10_ && host_count_ != 1) {
    return fail(400, host_count_ == 0 ? "missing Host header" : "more than one Host header");
  }
  if (chunked_ && (has_content_length_ || http10_)) {
    return fail(400, "Transfer-Encoding with Content-Length or in HTTP/1.0");
  }
  if (kind_ == Kind::response) {
    return frame_response();
  }
  if (content_length_ > limits_.max_body_bytes) {
    return fail(413, body_too_large());
  }
  phase_ = chunked_ ? Phase::chunk_size : Phase::body;
  return State::headers_done;
}

MessageParser::State MessageParser::frame_response() noexcept {
  if (status_ < 200 || status_ == 204 || status_ == 304) {
    chunked_ = false;
    content_length_ = 0;
    phase_ = Phase::body;
  } else if (chunked_) {
    phase_ = Phase::chunk_size;
  } else if (has_content_length_) {
    if (content_length_ > limits_.max_body_bytes) {
      return fail(413, body_too_large());
    }
    phase_ = Phase::body;
  } else {
    phase_ = Phase::body_until_close;
  }
  return State::headers_done;
}

MessageParser::State MessageParser::parse_body() noexcept {
  if (size_ - body_start_ < content_length_) {
    return State::need_more;
  }
  body_end_ = pos_ = body_start_ + static_cast<std::size_t>(content_length_);
  phase_ = Phase::complete;
  return State::done;
}

MessageParser::State MessageParser::parse_until_close() noexcept {
  if (size_ - body_start_ > limits_.max_body_bytes) {
    return fail(413, body_too_large());
  }
  body_end_ = pos_ = size_;
  return State::need_more;
}

MessageParser::State MessageParser::parse_chunks() noexcept {
  const std::size_t max_overhead =
      std::max<std::size_t>(std::size_t{64} * 1024, limits_.max_body_bytes);
  std::string_view line;
  for (;;) {
    if (phase_ == Phase::chunk_data) {
      if (!copy_chunk_data()) {
        return State::need_more;
      }
    } else if (!next_line(line)) {
      return check_partial_chunk_line();
    } else if (const std::optional<State> state = parse_chunk_line(line)) {
      return *state;
    } else if (pos_ - body_end_ > max_overhead) {  // bytes of chunk lines and trailers so far
      return fail(400, "chunked encoding overhead too large");
    }
  }
}

bool MessageParser::copy_chunk_data() noexcept {
  const std::size_t n = std::min(size_ - pos_, chunk_left_);
  std::memmove(data_ + body_end_, data_ + pos_, n);
  body_end_ += n;
  pos_ += n;
  chunk_left_ -= n;
  if (chunk_left_ > 0) {
    return false;
  }
  phase_ = Phase::chunk_end;
  scan_ = pos_;
  return true;
}

MessageParser::State MessageParser::check_partial_chunk_line() noexcept {
  const std::string_view partial(data_ + pos_, size_ - pos_);
  switch (phase_) {
    case Phase::chunk_end:  // only an empty line may follow the data
      return partial.empty() || partial == "\r" ? State::need_more
                                                : fail(400, "chunk data longer than its size");
    case Phase::trailers:
      return trailer_bytes_ + line_length(partial) > limits_.max_header_bytes
                 ? fail(431, "trailer section too large")
                 : State::need_more;
    default:
      return line_length(partial) > limits_.max_header_bytes ? fail(400, "chunk line too long")
                                                             : State::need_more;
  }
}

std::optional<MessageParser::State> MessageParser::parse_chunk_line(
    std::string_view line) noexcept {
  switch (phase_) {
    case Phase::chunk_size:
      if (line.size() > limits_.max_header_bytes) {
        return fail(400, "chunk line too long");
      }
      return parse_chunk_size(line) ? std::nullopt : std::optional(State::error);
    case Phase::chunk_end:
      if (!line.empty()) {
        return fail(400, "chunk data longer than its size");
      }
      phase_ = Phase::chunk_size;
      return std::nullopt;
    default:  // the trailer section
      trailer_bytes_ += line.size();
      if (trailer_bytes_ > limits_.max_header_bytes) {
        return fail(431, "trailer section too large");
      }
      if (line.empty()) {
        phase_ = Phase::complete;
        return State::done;
      }
      if (line.find(':') == std::string_view::npos || !is_field_value(line)) {
        return fail(400, "malformed trailer field");
      }
      return std::nullopt;
  }
}

bool MessageParser::parse_chunk_size(std::string_view line) noexcept {
  const std::size_t room = limits_.max_body_bytes - (body_end_ - body_start_);
  std::size_t i = 0;
  std::uint64_t size = 0;
  for (; i < line.size() && hex_value(line[i]) >= 0; ++i) {
    size = size * 16 + static_cast<std::uint64_t>(hex_value(line[i]));
    if (size > room) {  // checked per digit: the value never overflows
      fail(413, body_too_large());
      return false;
    }
  }
  const std::string_view rest = trim(line.substr(i));
  if (i == 0 || (!rest.empty() && rest.front() != ';')) {
    fail(400, "malformed chunk size");
    return false;
  }
  chunk_left_ = static_cast<std::size_t>(size);
  phase_ = size == 0 ? Phase::trailers : Phase::chunk_data;
  return true;
}

}  // namespace statefun::http
