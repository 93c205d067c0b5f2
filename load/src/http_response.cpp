#include "http_response.hpp"

#include <charconv>

namespace statefun::load {

namespace {

bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) {
      return false;
    }
  }
  return true;
}

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

bool contains_token(std::string_view value, std::string_view token) noexcept {
  while (!value.empty()) {
    const auto comma = value.find(',');
    if (iequals(trim(value.substr(0, comma)), token)) {
      return true;
    }
    if (comma == std::string_view::npos) {
      break;
    }
    value.remove_prefix(comma + 1);
  }
  return false;
}

/// Applies one header line to `head`; false when it is malformed.
bool apply_header(std::string_view line, ResponseHead& head, bool& keep_alive) {
  const auto colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) {
    return false;
  }
  const std::string_view name = line.substr(0, colon);
  const std::string_view value = trim(line.substr(colon + 1));
  if (iequals(name, "content-length")) {
    const auto [ptr, ec] =
        std::from_chars(value.data(), value.data() + value.size(), head.content_length);
    head.has_length = ec == std::errc() && ptr == value.data() + value.size();
    return head.has_length;
  }
  if (iequals(name, "content-type")) {
    head.octet_stream = iequals(value, "application/octet-stream");
  } else if (iequals(name, "transfer-encoding")) {
    head.chunked = contains_token(value, "chunked");
  } else if (iequals(name, "connection")) {
    head.close = head.close || contains_token(value, "close");
    keep_alive = keep_alive || contains_token(value, "keep-alive");
  }
  return true;
}

}  // namespace

ParseStatus parse_head(std::string_view data, ResponseHead& head) {
  const auto end = data.find("\r\n\r\n");
  if (end == std::string_view::npos) {
    return data.size() > 64 * 1024 ? ParseStatus::invalid : ParseStatus::incomplete;
  }
  head = ResponseHead{};
  head.head_size = end + 4;
  std::string_view rest = data.substr(0, end + 2);
  const auto eol = rest.find("\r\n");
  const std::string_view status_line = rest.substr(0, eol);
  rest.remove_prefix(eol + 2);
  if (status_line.size() < 12 || !status_line.starts_with("HTTP/1.") || status_line[8] != ' ') {
    return ParseStatus::invalid;
  }
  const auto [ptr, ec] =
      std::from_chars(status_line.data() + 9, status_line.data() + 12, head.status);
  if (ec != std::errc() || ptr != status_line.data() + 12 || head.status < 100) {
    return ParseStatus::invalid;
  }
  bool keep_alive = false;
  while (!rest.empty()) {
    const auto line_end = rest.find("\r\n");
    if (!apply_header(rest.substr(0, line_end), head, keep_alive)) {
      return ParseStatus::invalid;
    }
    rest.remove_prefix(line_end + 2);
  }
  if (status_line[7] == '0' && !keep_alive) {
    head.close = true;
  }
  return ParseStatus::complete;
}

ParseStatus parse_body(std::string_view data,
                       const ResponseHead& head,
                       std::string& scratch,
                       std::string_view& body,
                       std::size_t& consumed) {
  std::string_view rest = data.substr(head.head_size);
  if (!head.chunked) {
    const bool no_body = head.status == 204 || head.status == 304 || head.status < 200;
    const std::size_t length = no_body ? 0 : head.content_length;
    if (!head.has_length && !no_body) {
      return ParseStatus::invalid;
    }
    if (rest.size() < length) {
      return ParseStatus::incomplete;
    }
    body = rest.substr(0, length);
    consumed = head.head_size + length;
    return ParseStatus::complete;
  }
  scratch.clear();
  std::size_t offset = head.head_size;
  while (true) {
    const auto eol = data.find("\r\n", offset);
    if (eol == std::string_view::npos) {
      return ParseStatus::incomplete;
    }
    std::size_t size = 0;
    const char* first = data.data() + offset;
    const auto [ptr, ec] = std::from_chars(first, data.data() + eol, size, 16);
    if (ec != std::errc() || ptr == first) {
      return ParseStatus::invalid;
    }
    offset = eol + 2;
    if (size == 0) {
      const auto trailer_end = data.find("\r\n", offset);  // no trailers: an empty line
      if (trailer_end == std::string_view::npos) {
        return ParseStatus::incomplete;
      }
      consumed = trailer_end + 2;
      body = scratch;
      return ParseStatus::complete;
    }
    if (data.size() < offset + size + 2) {
      return ParseStatus::incomplete;
    }
    scratch.append(data.substr(offset, size));
    offset += size + 2;
  }
}

}  // namespace statefun::load
