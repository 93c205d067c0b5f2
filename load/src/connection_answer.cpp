// Connection, second half: reading an answer in place, validating it, resolving state.
#include <boost/asio/error.hpp>

#include "connection.hpp"
#include "worker.hpp"

namespace statefun::load {

namespace asio = boost::asio;
using boost::system::error_code;

bool Connection::read_available() {
  while (true) {
    if (in_used_ == in_.size()) {
      in_.resize(in_.size() * 2);
    }
    error_code ec;
    const std::size_t n =
        socket_.read_some(asio::buffer(in_.data() + in_used_, in_.size() - in_used_), ec);
    if (ec == asio::error::would_block || ec == asio::error::try_again) {
      wait_readable();
      return false;
    }
    if (ec) {
      fail(static_cast<int>(FailureKind::transport),
           in_used_ == 0 ? "the connection closed before an answer: " + ec.message()
                         : "the connection closed in the middle of an answer: " + ec.message());
      return false;
    }
    in_used_ += n;
    if (try_complete()) {
      return true;
    }
    if (in_used_ < in_.size()) {
      wait_readable();  // the kernel had no more: wait instead of a read that would block
      return false;
    }
  }
}

void Connection::complete(std::string_view body) {
  const std::uint64_t micros = micros_since(measured_from_, Clock::now());
  std::string& message = worker_.message();
  const RequestKind& kind = worker_.plan().kinds[kind_];
  auto failure = worker_.validator().check(kind, head_, body, message);
  if (!failure && kind.resolve_state) {
    const StateStep step = resolve_state(message);
    if (step == StateStep::resent) {
      return;
    }
    failure = step == StateStep::failed ? std::optional(FailureKind::expectation) : std::nullopt;
  }
  if (failure) {
    worker_.record_failure(kind_, *failure, micros, message);
  } else {
    worker_.record(kind_, micros, body.size());
  }
  state_ = State::idle;
  if (head_.close) {
    close_socket();
  }
  const auto pause = pause_after_request();
  if (pause > Clock::duration::zero()) {
    wait_until(Clock::now() + pause);
  } else {
    next();
  }
}

Connection::StateStep Connection::resolve_state(std::string& message) {
  constexpr int kMaxRoundTrips = 3;
  const RequestKind& kind = worker_.plan().kinds[kind_];
  std::vector<std::string>& names = worker_.names();
  if (!worker_.validator().missing_state(names)) {
    worker_.validator().state_mutations(worker_.mutations());
    worker_.state().apply(kind_, rendered_.id, worker_.mutations());
    return StateStep::done;
  }
  if (++round_trips_ > kMaxRoundTrips) {
    message = "the function still asks for state after " + std::to_string(kMaxRoundTrips) +
              " round trips";
    return StateStep::failed;
  }
  worker_.state().register_missing(kind_, names);
  worker_.encoder().write(
      kind, rendered_, worker_.state().entries(kind_, kind, rendered_.id), out_);
  if (head_.close) {
    close_socket();
    connect();
  } else {
    send();
  }
  return StateStep::resent;
}

bool Connection::try_complete() {
  const std::string_view data(in_.data(), in_used_);
  if (!have_head_) {
    const ParseStatus status = parse_head(data, head_);
    if (status == ParseStatus::incomplete) {
      return false;
    }
    if (status == ParseStatus::invalid) {
      fail(static_cast<int>(FailureKind::transport), "the answer is not a valid HTTP/1.1 response");
      return true;
    }
    have_head_ = true;
  }
  std::string_view body;
  std::size_t consumed = 0;
  const ParseStatus status = parse_body(data, head_, worker_.scratch(), body, consumed);
  if (status == ParseStatus::incomplete) {
    return false;
  }
  if (status == ParseStatus::invalid) {
    fail(static_cast<int>(FailureKind::transport),
         "the answer has neither Content-Length nor chunked encoding");
    return true;
  }
  complete(body);
  return true;
}

}  // namespace statefun::load
