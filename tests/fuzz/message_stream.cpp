#include "message_stream.hpp"

#include <cstring>
#include <span>
#include <sstream>
#include <utility>

#include <statefun/http/read_buffer.hpp>

namespace statefun::fuzz {

namespace {

using http::MessageParser;
using State = MessageParser::State;

/// Small, so that the buffer grows and moves its bytes while a message arrives.
constexpr std::size_t kInitialBuffer = 16;

/// One connection's reading side: the reads still to arrive, the buffer, the parser.
class StreamParser {
 public:
  StreamParser(MessageParser::Kind kind,
               std::string_view input,
               std::span<const std::size_t> read_ends)
      : kind_(kind), input_(input), read_ends_(read_ends), parser_(kind, kFuzzLimits) {}

  std::vector<MessageRecord> run() {
    read();
    for (;;) {
      State state = parser_.parse(buffer_.data(), buffer_.size());
      if (state == State::need_more) {
        if (read()) {
          continue;
        }
        state = parser_.finish(buffer_.data(), buffer_.size());
      }
      if (!record(state)) {
        return std::move(records_);
      }
    }
  }

 private:
  /// Appends the next read to the buffer; false at the end of the input.
  bool read() {
    if (next_read_ == read_ends_.size()) {
      return false;
    }
    const std::size_t end = read_ends_[next_read_++];
    const std::size_t n = end - arrived_;
    const std::span<char> room = buffer_.prepare(n);
    if (n > 0) {
      std::memcpy(room.data(), input_.data() + arrived_, n);
    }
    buffer_.commit(n);
    arrived_ = end;
    return true;
  }

  /// Records what `state` says about the current message; false when the stream ends there.
  bool record(State state) {
    MessageRecord& r = records_.back();
    r.state = state;
    switch (state) {
      case State::headers_done:
        record_head(r);
        return true;
      case State::done:
        r.body = std::string(parser_.body());
        r.consumed = parser_.consumed();
        r.keep_alive = parser_.keep_alive();
        return next_message(r);
      case State::error:
        r.error_status = parser_.error().status;
        r.error_reason = std::string(parser_.error().reason);
        return false;
      case State::need_more:
        break;
    }
    return false;  // finish() never leaves a message unfinished
  }

  void record_head(MessageRecord& r) const {
    r.head_done = true;
    r.method = std::string(parser_.method());
    r.target = std::string(parser_.target());
    r.status = parser_.status();
    r.content_type = std::string(parser_.content_type());
    r.http10 = parser_.http10();
    r.expect_continue = parser_.expect_continue();
    r.has_body = parser_.has_body();
    r.header_bytes = parser_.header_bytes();
    r.expected_bytes = parser_.expected_bytes();
  }

  /// After a finished message: drops it and starts the next, unless the connection closes.
  bool next_message(const MessageRecord& finished) {
    const bool interim =
        kind_ == MessageParser::Kind::response && finished.status < 200 && finished.status != 101;
    if (!finished.keep_alive && !interim) {
      return false;
    }
    buffer_.consume(finished.consumed);
    parser_.reset();
    if (buffer_.size() == 0 && next_read_ == read_ends_.size()) {
      return false;
    }
    records_.emplace_back();
    return true;
  }

  MessageParser::Kind kind_;
  std::string_view input_;
  std::span<const std::size_t> read_ends_;
  std::size_t next_read_ = 0;
  std::size_t arrived_ = 0;
  http::ReadBuffer buffer_{kInitialBuffer};
  MessageParser parser_;
  std::vector<MessageRecord> records_ = std::vector<MessageRecord>(1);  // the current one
};

}  // namespace

std::vector<MessageRecord> parse_stream(MessageParser::Kind kind,
                                        std::string_view input,
                                        const std::vector<std::size_t>& read_ends) {
  return StreamParser(kind, input, read_ends).run();
}

std::string describe(const std::vector<MessageRecord>& records) {
  std::ostringstream out;
  for (const MessageRecord& r : records) {
    out << "  state " << static_cast<int>(r.state) << ", error " << r.error_status << " '"
        << r.error_reason << "', head " << (r.head_done ? "done" : "not done") << " ('" << r.method
        << "' '" << r.target << "' status " << r.status << ", content type '" << r.content_type
        << "', http10 " << r.http10 << ", expect 100 " << r.expect_continue << ", has body "
        << r.has_body << ", head bytes " << r.header_bytes << ", expected " << r.expected_bytes
        << "), body of " << r.body.size() << " bytes, consumed " << r.consumed << ", keep-alive "
        << r.keep_alive << "\n";
  }
  return out.str();
}

}  // namespace statefun::fuzz
