#include "connection.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/write.hpp>

#include "worker.hpp"

namespace statefun::load {

namespace asio = boost::asio;
using boost::system::error_code;

namespace {

constexpr auto kPoll = std::chrono::milliseconds(100);           // recheck an inactive user
constexpr auto kConnectBackoff = std::chrono::milliseconds(10);  // after a refused connection
constexpr std::size_t kInitialBuffer = 1024;

}  // namespace

Connection::Connection(Worker& worker, unsigned global_index)
    : worker_(worker), index_(global_index), socket_(worker.io()), timer_(worker.io()) {}

void Connection::start() {
  const RunPlan& plan = worker_.plan();
  next_due_ = plan.start;
  if (plan.open_model) {
    const double rate = plan.target_at(plan.start);
    if (rate > 0) {
      next_due_ +=
          std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(index_ / rate));
    }
  }
  next();
}

void Connection::next() {
  const RunPlan& plan = worker_.plan();
  const auto now = Clock::now();
  if (!worker_.running() || now >= plan.deadline ||
      (plan.open_model && next_due_ >= plan.deadline)) {
    state_ = State::done;
    return;
  }
  if (!plan.open_model) {
    if (index_ >= plan.target_at(now)) {
      wait_until(now + kPoll);  // this user is not (or no longer) active
      return;
    }
    begin_request(now);
    return;
  }
  if (next_due_ > now) {
    wait_until(next_due_);
    return;
  }
  const double rate = plan.target_at(now) / plan.connections;
  if (rate <= 0) {
    next_due_ = now + kPoll;
    wait_until(next_due_);
    return;
  }
  const auto due = next_due_;
  next_due_ +=
      std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / rate));
  begin_request(due);
}

void Connection::wait_until(Clock::time_point when) {
  state_ = State::waiting;
  timer_.expires_at(when);
  timer_.async_wait([this](const error_code& ec) {
    if (!ec) {
      next();
    }
  });
}

Clock::duration Connection::pause_after_request() {
  const LoadConfig& config = worker_.plan().config;
  if (worker_.plan().open_model || config.wait_max.count() == 0) {
    return Clock::duration::zero();
  }
  return Micros(worker_.random().between(config.wait_min.count(), config.wait_max.count()));
}

void Connection::begin_request(Clock::time_point measured_from) {
  if (!worker_.plan().take_request()) {
    state_ = State::done;
    return;
  }
  kind_ = worker_.pick_kind();
  measured_from_ = measured_from;
  try {
    const RequestKind& kind = worker_.plan().kinds[kind_];
    const RenderContext context{worker_.random(), worker_.next_sequence()};
    if (kind.resolve_state) {
      round_trips_ = 0;
      worker_.encoder().render(kind, context, rendered_);
      worker_.encoder().write(
          kind, rendered_, worker_.state().entries(kind_, kind, rendered_.id), out_);
    } else {
      worker_.encoder().encode(kind, context, out_);
    }
  } catch (const std::exception& e) {
    fail(static_cast<int>(FailureKind::transport),
         std::string("cannot encode the request: ") + e.what());
    return;
  }
  if (socket_.is_open()) {
    send();
  } else {
    connect();
  }
}

void Connection::connect() {
  state_ = State::connecting;
  started_ = Clock::now();
  socket_.async_connect(worker_.plan().endpoint, [this](const error_code& ec) { on_connect(ec); });
}

void Connection::on_connect(const error_code& ec) {
  if (ec) {
    fail(static_cast<int>(FailureKind::connect), "cannot connect: " + ec.message());
    return;
  }
  error_code ignored;
  socket_.set_option(asio::ip::tcp::no_delay(true), ignored);
  socket_.non_blocking(true, ignored);
  if (in_.empty()) {
    in_.resize(kInitialBuffer);
  }
  send();
}

void Connection::send() {
  state_ = State::exchanging;
  started_ = Clock::now();
  in_used_ = 0;
  have_head_ = false;
  asio::async_write(
      socket_, asio::buffer(out_), [this](const error_code& ec, std::size_t) { on_write(ec); });
}

void Connection::on_write(const error_code& ec) {
  if (ec) {
    fail(static_cast<int>(FailureKind::transport), "cannot send: " + ec.message());
    return;
  }
  wait_readable();
}

void Connection::wait_readable() {
  socket_.async_wait(asio::ip::tcp::socket::wait_read,
                     [this](const error_code& ec) { on_readable(ec); });
}

void Connection::on_readable(const error_code& ec) {
  if (ec) {
    fail(static_cast<int>(FailureKind::transport), "cannot read: " + ec.message());
    return;
  }
  read_available();
}

void Connection::fail(int failure_kind, std::string_view message) {
  const auto now = Clock::now();
  auto kind = static_cast<FailureKind>(failure_kind);
  const bool connecting = state_ == State::connecting;
  if (timed_out_) {
    kind = FailureKind::timeout;
    message = connecting ? "connecting took longer than the connect timeout"
                         : "no answer within the timeout";
  }
  timed_out_ = false;
  worker_.record_failure(kind_, kind, micros_since(measured_from_, now), message);
  close_socket();
  state_ = State::idle;
  if (kind == FailureKind::connect && !worker_.plan().open_model) {
    wait_until(now + std::max<Clock::duration>(kConnectBackoff, pause_after_request()));
    return;
  }
  const auto pause = pause_after_request();
  if (pause > Clock::duration::zero()) {
    wait_until(now + pause);
  } else {
    next();
  }
}

void Connection::check_timeout(Clock::time_point now) {
  if (!busy()) {
    return;
  }
  const LoadConfig& config = worker_.plan().config;
  const auto limit = state_ == State::connecting ? config.connect_timeout : config.timeout;
  if (now - started_ > limit) {
    timed_out_ = true;
    close_socket();  // the pending operation completes with operation_aborted
  }
}

void Connection::shutdown() {
  timer_.cancel();
  close_socket();
  state_ = State::done;
}

void Connection::close_socket() noexcept {
  error_code ignored;
  socket_.close(ignored);
}

}  // namespace statefun::load
