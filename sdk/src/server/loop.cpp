#include "server/loop.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <string>
#include <string_view>
#include <utility>

#include <statefun/text/printable.hpp>

namespace statefun::detail::server {
namespace {

using ReusePort = net::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;

/// Deadlines are checked every 1/8 of the shortest timeout, within [5 ms, 1 s].
std::chrono::milliseconds tick_period(const ServerOptions& options) {
  const auto shortest =
      std::min({options.header_timeout, options.idle_timeout, options.drain_timeout});
  return std::clamp(shortest / 8, std::chrono::milliseconds(5), std::chrono::milliseconds(1000));
}

/// Errors after which accepting again at once would spin: retried at the next tick.
bool out_of_resources(const error_code& ec) {
  return ec == net::error::no_descriptors || ec == net::error::no_buffer_space ||
         ec == net::error::no_memory || ec.value() == ENFILE;
}

}  // namespace

Loop::Loop(const ServerConfig& config, const tcp::endpoint& endpoint)
    : config_(config),
      acceptor_(context_),
      timer_(context_),
      tick_(tick_period(config.options)),
      max_connections_(
          std::max<std::size_t>(1, config.options.max_connections / config.options.threads)) {
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(tcp::acceptor::reuse_address(true));
  acceptor_.set_option(ReusePort(true));
  acceptor_.bind(endpoint);
  acceptor_.listen(net::socket_base::max_listen_connections);
  config_.options.clock->add_jump_listener(*this);
}

Loop::~Loop() {
  config_.options.clock->remove_jump_listener(*this);
  connections_.clear_and_dispose([](Connection* c) { delete c; });  // NOLINT(*-owning-memory)
}

void Loop::run() noexcept {
  try {
    accept();
    schedule_tick();
  } catch (const std::exception& e) {
    log_error("event loop", e.what());
  }
  for (;;) {
    try {
      context_.run();
      return;
    } catch (const std::exception& e) {
      log_error("event loop", e.what());
    } catch (...) {
      log_error("event loop", "unknown exception");
    }
  }
}

void Loop::stop() {
  const Clock::time_point drain_deadline = clock().now() + config_.options.drain_timeout;
  net::post(context_, [this, drain_deadline] { do_stop(drain_deadline); });
}

void Loop::do_stop(Clock::time_point drain_deadline) {
  if (stopping_) {
    return;
  }
  stopping_ = true;
  drain_deadline_ = drain_deadline;
  error_code ignored;
  acceptor_.close(ignored);
  for (Connection& connection : connections_) {
    connection.stop();
  }
  if (connections_.empty()) {
    timer_.cancel();
  }
}

void Loop::accept() {
  acceptor_.async_accept(
      [this](const error_code& ec, tcp::socket socket) { on_accept(ec, std::move(socket)); });
}

void Loop::on_accept(const error_code& ec, tcp::socket socket) {
  if (stopping_ || ec == net::error::operation_aborted) {
    return;
  }
  if (out_of_resources(ec)) {
    log_error("cannot accept a connection", ec.message());
    accept_paused_ = true;
    return;
  }
  try {
    if (!ec) {
      error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      auto* connection = new Connection(*this, std::move(socket));  // NOLINT(*-owning-memory)
      connections_.push_back(*connection);
      try {
        connection->start();
      } catch (...) {       // no read was started: nothing refers to it
        delete connection;  // NOLINT(*-owning-memory)
        throw;
      }
      ++open_connections_;
    }
  } catch (const std::exception& e) {  // out of memory: the connection (if any) is closed
    log_error("event loop", e.what());
  }
  if (open_connections_ >= max_connections_) {
    accept_full_ = true;
    log_error("max_connections reached",
              std::to_string(max_connections_) +
                  " connections on this loop: new ones wait until one closes");
    return;
  }
  accept();
}

void Loop::schedule_tick() {
  timer_.expires_after(tick_);
  timer_.async_wait([this](const error_code& ec) {
    if (!ec) {
      on_tick();
    }
  });
}

void Loop::on_tick() {
  check_deadlines();
  if (stopping_ && connections_.empty()) {
    return;
  }
  schedule_tick();
}

void Loop::check_deadlines() {
  const auto now = clock().now();
  const bool drained = stopping_ && drain_deadline_ <= now;
  for (Connection& connection : connections_) {
    if (drained) {
      connection.abort();
    } else {
      connection.expire_if_due(now);
    }
  }
  if (accept_paused_ && !stopping_) {
    accept_paused_ = false;
    accept();
  }
}

void Loop::on_jump() {
  net::post(context_, [this] { check_deadlines(); });
}

void Loop::connection_closed() noexcept {
  --open_connections_;
  if (accept_full_ && !stopping_) {
    accept_full_ = false;
    try {
      accept();
    } catch (const std::exception& e) {
      accept_paused_ = true;  // retried at the next tick
      log_error("event loop", e.what());
    }
  }
  if (stopping_ && connections_.empty()) {
    try {
      timer_.cancel();  // the last tick ends: run() returns
    } catch (const std::exception& e) {
      log_error("event loop", e.what());
    }
  }
}

void Loop::log_error(std::string_view context, std::string_view what) noexcept {
  try {
    const Clock::time_point now = clock().now();
    if (now < next_error_log_) {
      ++errors_suppressed_;
      return;
    }
    std::string line = "statefun: ";
    line.append(context).append(": ").append(text::printable(what));  // one line, whatever it says
    if (errors_suppressed_ > 0) {
      line += " (and " + std::to_string(errors_suppressed_) + " more errors in the last second)";
    }
    next_error_log_ = now + std::chrono::seconds(1);
    errors_suppressed_ = 0;
    config_.options.log(line);
  } catch (...) {  // NOLINT(bugprone-empty-catch): logging must never fail a request
  }
}

}  // namespace statefun::detail::server
