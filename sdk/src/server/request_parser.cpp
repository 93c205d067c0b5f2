#include "server/request_parser.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

#include "server/http_syntax.hpp"

namespace statefun::detail::http {

void RequestParser::reset() noexcept {
  *this = RequestParser(limits_);
}

std::size_t RequestParser::expected_bytes() const noexcept {
  const bool known = !chunked_ && (phase_ == Phase::body || phase_ == Phase::complete);
  return known ? body_start_ + static_cast<std::size_t>(content_length_) : 0;
}

RequestParser::State RequestParser::parse(char* data, std::size_t size) noexcept {
  data_ = data;
  size_ = size;
  switch (phase_) {
    case Phase::request_line:
    case Phase::fields:
      return parse_head();
    case Phase::body:
      return parse_body();
    case Phase::complete:
      return State::done;
    case Phase::failed:
      return State::error;
    default:
      return parse_chunks();
  }
}

RequestParser::Span RequestParser::span(const char* begin, const char* end) const noexcept {
  return {static_cast<std::uint32_t>(begin - data_), static_cast<std::uint32_t>(end - begin)};
}

RequestParser::State RequestParser::fail(int status, std::string_view reason) noexcept {
  error_ = {status, reason};
  phase_ = Phase::failed;
  return State::error;
}

bool RequestParser::next_line(std::string_view& line) noexcept {
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

RequestParser::State RequestParser::parse_head() noexcept {
  std::string_view line;
  while (next_line(line)) {
    if (pos_ > limits_.max_header_bytes) {
      return fail(431, "request header too large");
    }
    if (phase_ == Phase::request_line) {
      if (line.empty()) {
        continue;  // RFC 9112 2.2: ignore empty lines before the request line
      }
      if (!parse_request_line(line)) {
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
    return fail(431, "request header too large");
  }
  return State::need_more;
}

bool RequestParser::parse_request_line(std::string_view line) noexcept {
  const std::size_t sp1 = line.find(' ');
  const std::size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos) {
    fail(400, "malformed request line");
    return false;
  }
  const std::string_view method = line.substr(0, sp1);
  const std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  const std::string_view version = line.substr(sp2 + 1);
  if (!is_token(method) || !is_target(target) || version.size() != 8 ||
      version.substr(0, 5) != "HTTP/" || version[6] != '.' || hex_value(version[5]) < 0 ||
      hex_value(version[5]) > 9 || hex_value(version[7]) < 0 || hex_value(version[7]) > 9) {
    fail(400, "malformed request line");
    return false;
  }
  if (version[5] != '1') {
    fail(505, "only HTTP/1.x is supported");
    return false;
  }
  http10_ = version[7] == '0';
  method_ = span(method.data(), method.data() + method.size());
  target_ = span(target.data(), target.data() + target.size());
  return true;
}

bool RequestParser::parse_field(std::string_view line) noexcept {
  const std::size_t colon = line.find(':');
  if (is_space(line.front())) {
    fail(400, "obsolete header line folding");
    return false;
  }
  if (colon == std::string_view::npos || !is_token(line.substr(0, colon))) {
    fail(400, "malformed header field");
    return false;
  }
  const std::string_view name = line.substr(0, colon);
  const std::string_view value = trim(line.substr(colon + 1));
  if (!is_field_value(value)) {
    fail(400, "invalid character in header field value");
    return false;
  }
  return record_field(name, value);
}

bool RequestParser::record_field(std::string_view name, std::string_view value) noexcept {
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
    content_type_ = span(value.data(), value.data() + value.size());
  } else if (iequals(name, "connection")) {
    parse_connection(value);
  } else if (iequals(name, "host")) {
    host_count_ = host_count_ < 2 ? host_count_ + 1 : 2;
  } else if (iequals(name, "expect")) {
    expect_continue_ = expect_continue_ || iequals(value, "100-continue");
  }
  return true;
}

void RequestParser::parse_connection(std::string_view value) noexcept {
  while (!value.empty()) {
    const std::size_t comma = std::min(value.find(','), value.size());
    const std::string_view option = trim(value.substr(0, comma));
    connection_close_ = connection_close_ || iequals(option, "close");
    connection_keep_alive_ = connection_keep_alive_ || iequals(option, "keep-alive");
    value.remove_prefix(std::min(comma + 1, value.size()));
  }
}

bool RequestParser::set_content_length(std::string_view value) noexcept {
  if (value.empty() ||
      !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    fail(400, "malformed Content-Length");
    return false;
  }
  constexpr std::uint64_t kSaturated = std::numeric_limits<std::uint64_t>::max() / 10 - 10;
  std::uint64_t length = 0;
  for (const char c : value) {
    length = std::min(length * 10 + static_cast<std::uint64_t>(c - '0'), kSaturated);
  }
  if (has_content_length_ && length != content_length_) {
    fail(400, "conflicting Content-Length headers");
    return false;
  }
  has_content_length_ = true;
  content_length_ = length;
  return true;
}

RequestParser::State RequestParser::finish_head() noexcept {
  body_start_ = body_end_ = pos_;
  if (!http10_ && host_count_ != 1) {
    return fail(400, host_count_ == 0 ? "missing Host header" : "more than one Host header");
  }
  if (chunked_ && (has_content_length_ || http10_)) {
    return fail(400, "Transfer-Encoding with Content-Length or in HTTP/1.0");
  }
  if (content_length_ > limits_.max_body_bytes) {
    return fail(413, "request body too large");
  }
  phase_ = chunked_ ? Phase::chunk_size : Phase::body;
  return State::headers_done;
}

RequestParser::State RequestParser::parse_body() noexcept {
  if (size_ - body_start_ < content_length_) {
    return State::need_more;
  }
  body_end_ = pos_ = body_start_ + static_cast<std::size_t>(content_length_);
  phase_ = Phase::complete;
  return State::done;
}

RequestParser::State RequestParser::parse_chunks() noexcept {
  const std::size_t max_overhead =
      std::max<std::size_t>(std::size_t{64} * 1024, limits_.max_body_bytes);
  std::string_view line;
  for (;;) {
    if (pos_ - body_end_ > max_overhead) {
      return fail(400, "chunked encoding overhead too large");
    }
    if (phase_ == Phase::chunk_data) {
      if (!copy_chunk_data()) {
        return State::need_more;
      }
    } else if (!next_line(line)) {
      const bool too_long =
          size_ - pos_ > (phase_ == Phase::chunk_end ? 2 : limits_.max_header_bytes);
      return too_long ? fail(400, "malformed chunked body") : State::need_more;
    } else if (const std::optional<State> state = parse_chunk_line(line)) {
      return *state;
    }
  }
}

bool RequestParser::copy_chunk_data() noexcept {
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

std::optional<RequestParser::State> RequestParser::parse_chunk_line(
    std::string_view line) noexcept {
  switch (phase_) {
    case Phase::chunk_size:
      return parse_chunk_size(line) ? std::nullopt : std::optional(State::error);
    case Phase::chunk_end:
      if (!line.empty()) {
        return fail(400, "chunk data longer than its size");
      }
      phase_ = Phase::chunk_size;
      return std::nullopt;
    default:  // the trailer section
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

bool RequestParser::parse_chunk_size(std::string_view line) noexcept {
  const std::size_t room = limits_.max_body_bytes - (body_end_ - body_start_);
  std::size_t i = 0;
  std::uint64_t size = 0;
  for (; i < line.size() && hex_value(line[i]) >= 0; ++i) {
    size = size * 16 + static_cast<std::uint64_t>(hex_value(line[i]));
    if (size > room) {
      fail(413, "request body too large");
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

}  // namespace statefun::detail::http
