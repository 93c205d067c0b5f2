#include "split_differential.hpp"

#include <cstddef>
#include <string>
#include <vector>

#include "fuzz_target.hpp"
#include "message_stream.hpp"
#include "read_patterns.hpp"

namespace statefun::fuzz {

namespace {

using http::MessageParser;

/// The start of `input`, control characters escaped.
std::string show(std::string_view input) {
  constexpr std::size_t kShown = 200;
  constexpr std::string_view kHex = "0123456789abcdef";
  std::string shown;
  for (const char c : input.substr(0, kShown)) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\r') {
      shown += "\\r";
    } else if (c == '\n') {
      shown += "\\n";
    } else if (u < 0x20 || u >= 0x7f) {
      shown += "\\x";
      shown += kHex[u >> 4];
      shown += kHex[u & 0xF];
    } else {
      shown += c;
    }
  }
  return input.size() > kShown ? shown + "..." : shown;
}

std::string show_reads(const std::vector<std::size_t>& read_ends) {
  std::string shown;
  for (const std::size_t end : read_ends) {
    shown += (shown.empty() ? "" : ", ") + std::to_string(end);
  }
  return shown;
}

/// The contract of one record, whatever the reads.
void check_contract(const MessageRecord& r, std::string_view input) {
  const bool documented_status = r.error_status == 400 || r.error_status == 413 ||
                                 r.error_status == 431 || r.error_status == 501 ||
                                 r.error_status == 505;
  if (r.state == MessageParser::State::error && (!documented_status || r.error_reason.empty())) {
    report_finding("error " + std::to_string(r.error_status) + " '" + r.error_reason +
                   "' is not a documented error, for " + show(input));
  }
  if (r.body.size() > kFuzzLimits.max_body_bytes || r.header_bytes > kFuzzLimits.max_header_bytes) {
    report_finding("a message over the limits was accepted: " + describe({r}) + show(input));
  }
  if (r.consumed > input.size()) {
    report_finding("a message consumed more than the input: " + describe({r}) + show(input));
  }
}

}  // namespace

void check_split_independence(MessageParser::Kind kind, std::string_view input) {
  const std::vector<std::size_t> whole_read{input.size()};
  const std::vector<MessageRecord> whole = parse_stream(kind, input, whole_read);
  for (const MessageRecord& r : whole) {
    check_contract(r, input);
  }
  for (const std::vector<std::size_t>& reads : read_patterns(input)) {
    const std::vector<MessageRecord> split = parse_stream(kind, input, reads);
    if (split != whole) {
      report_finding("reads ending at " + show_reads(reads) + " of " +
                     std::to_string(input.size()) + " bytes give\n" + describe(split) +
                     "but the whole input gives\n" + describe(whole) + "for " + show(input));
    }
  }
}

}  // namespace statefun::fuzz
