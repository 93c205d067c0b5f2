#include "driver.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <exception>
#include <optional>

#include "worker.hpp"

namespace statefun::load {

namespace {

constexpr auto kPoll = std::chrono::milliseconds(100);           // recheck an inactive user
constexpr auto kConnectBackoff = std::chrono::milliseconds(10);  // after a refused connection
constexpr int kMaxRoundTrips = 3;  // missing-state answers per request before it fails

http::ClientConnection::Options client_options(const LoadConfig& config) {
  http::ClientConnection::Options options;
  options.initial_buffer = 1024;
  options.limits.max_body_bytes = config.max_answer_bytes;
  return options;
}

}  // namespace

Driver::Driver(Worker& worker, unsigned global_index)
    : worker_(worker),
      index_(global_index),
      client_(worker.io(), worker.plan().endpoint, *this, client_options(worker.plan().config)) {}

void Driver::start() {
  const RunPlan& plan = worker_.plan();
  next_due_ = plan.start;
  if (plan.open_model) {
    const double rate = plan.target_at(plan.start);
    if (rate > 0) {
      next_due_ +=
          std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(index_ / rate));
    }
  }
  wait_until(next_due_);  // no request before the run starts
}

void Driver::next() {
  const RunPlan& plan = worker_.plan();
  const auto now = worker_.plan().now();
  if (!worker_.running() || now >= plan.deadline ||
      (plan.open_model && next_due_ >= plan.deadline)) {
    done_ = true;
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

void Driver::wait_until(Clock::time_point when) {
  worker_.wake_at(*this, when);
}

Clock::duration Driver::pause_after_request() {
  const LoadConfig& config = worker_.plan().config;
  if (worker_.plan().open_model || config.wait_max.count() == 0) {
    return Clock::duration::zero();
  }
  return Micros(worker_.tools().random.between(config.wait_min.count(), config.wait_max.count()));
}

void Driver::begin_request(Clock::time_point measured_from) {
  if (!worker_.plan().take_request()) {
    done_ = true;
    return;
  }
  kind_ = worker_.pick_kind();
  measured_from_ = measured_from;
  try {
    const RequestKind& kind = worker_.plan().kinds[kind_];
    WorkerTools& tools = worker_.tools();
    const RenderContext context{tools.random, worker_.next_sequence()};
    if (worker_.plan().config.target == LoadConfig::Target::playground_ingress) {
      tools.encoder.encode_ingress(kind, context, out_);
    } else if (kind.resolve_state) {
      round_trips_ = 0;
      tools.encoder.render(kind, context, rendered_);
      tools.encoder.write(kind, rendered_, tools.state.entries(kind_, kind, rendered_.id), out_);
    } else {
      tools.encoder.encode(kind, context, out_);
    }
  } catch (const std::exception& e) {
    record_failure(FailureKind::transport, std::string("cannot encode the request: ") + e.what());
    // Through the scheduler, not next(): a kind that never encodes would recurse per request.
    wait_until(worker_.plan().now() + pause_after_request());
    return;
  }
  started_ = worker_.plan().now();
  client_.exchange(out_);
}

void Driver::on_connected() {
  started_ = worker_.plan().now();  // the request's timeout runs from here
}

void Driver::on_response(const http::MessageParser& response) {
  complete(response);
}

void Driver::on_failure(http::ClientConnection::Failure failure, std::string_view message) {
  using Failure = http::ClientConnection::Failure;
  if (done_) {
    return;  // shut down: the run is over
  }
  const bool connecting = client_.connecting();
  FailureKind kind = failure == Failure::connect ? FailureKind::connect : FailureKind::transport;
  if (timed_out_) {
    kind = FailureKind::timeout;
    message = connecting ? "connecting took longer than the connect timeout"
                         : "no answer within the timeout";
  }
  timed_out_ = false;
  record_failure(kind, message);
  if (kind == FailureKind::connect && !worker_.plan().open_model) {
    wait_until(worker_.plan().now() +
               std::max<Clock::duration>(kConnectBackoff, pause_after_request()));
    return;
  }
  after_request();
}

void Driver::record_failure(FailureKind kind, std::string_view message) {
  worker_.record_failure(kind_, kind, micros_since(measured_from_, worker_.plan().now()), message);
}

void Driver::complete(const http::MessageParser& response) {
  const std::uint64_t micros = micros_since(measured_from_, worker_.plan().now());
  std::string& message = worker_.tools().message;
  const RequestKind& kind = worker_.plan().kinds[kind_];
  auto failure =
      worker_.plan().config.target == LoadConfig::Target::playground_ingress
          ? Validator::check_ingress(response.status(), response.body(), message)
          : worker_.tools().validator.check(
                kind, response.status(), response.content_type(), response.body(), message);
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
    worker_.record(kind_, micros, response.body().size());
  }
  after_request();
}

void Driver::after_request() {
  const auto pause = pause_after_request();
  if (pause > Clock::duration::zero()) {
    wait_until(worker_.plan().now() + pause);
  } else {
    next();
  }
}

Driver::StateStep Driver::resolve_state(std::string& message) {
  const RequestKind& kind = worker_.plan().kinds[kind_];
  WorkerTools& tools = worker_.tools();
  if (!tools.validator.missing_state(tools.names)) {
    tools.validator.state_mutations(tools.mutations);
    tools.state.apply(kind_, rendered_.id, tools.mutations);
    return StateStep::done;
  }
  if (++round_trips_ > kMaxRoundTrips) {
    message = "the function still asks for state after " + std::to_string(kMaxRoundTrips) +
              " round trips";
    return StateStep::failed;
  }
  tools.state.register_missing(kind_, tools.names);
  tools.encoder.write(kind, rendered_, tools.state.entries(kind_, kind, rendered_.id), out_);
  client_.exchange(out_);
  return StateStep::resent;
}

void Driver::check_timeout(Clock::time_point now) {
  if (!client_.busy()) {
    return;
  }
  const LoadConfig& config = worker_.plan().config;
  const auto limit = client_.connecting() ? config.connect_timeout : config.timeout;
  if (now - started_ > limit) {
    timed_out_ = true;
    client_.close();  // the exchange ends with Failure::aborted
  }
}

void Driver::shutdown() {
  done_ = true;
  Worker::cancel(*this);
  client_.close();
}

}  // namespace statefun::load
