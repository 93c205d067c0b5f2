// The runtime's HTTP transport: pooled connections, answers checked as the Statefun transports
// check them, retries by the endpoint's transport rules.
#include "function_client.hpp"

#include <algorithm>
#include <exception>
#include <stdexcept>
#include <utility>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>

#include <statefun/http/url.hpp>

namespace statefun::runtime::detail {

namespace {

namespace net = boost::asio;
using Clock = std::chrono::steady_clock;

/// A pooled connection idle this long is checked before reuse (a poll): a server closes idle
/// connections after seconds, and a busy pool reuses its connections within microseconds.
constexpr std::chrono::seconds kCheckAfterIdle{1};

constexpr std::string_view kNoConnectionInTime =
    "no connection of the pool became free within the attempt's timeout";

/// The Content-Type both transports accept: application/octet-stream exactly, any case, no
/// parameters.
bool is_octet_stream(std::string_view content_type) noexcept {
  constexpr std::string_view kExpected = "application/octet-stream";
  if (content_type.size() != kExpected.size()) {
    return false;
  }
  for (std::size_t i = 0; i < kExpected.size(); ++i) {
    char c = content_type[i];
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
    if (c != kExpected[i]) {
      return false;
    }
  }
  return true;
}

std::string head_of(std::string_view body) {
  constexpr std::size_t kShown = 200;
  std::string text(body.substr(0, kShown));
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20) {
      c = ' ';
    }
  }
  return body.size() > kShown ? text + "..." : text;
}

}  // namespace

std::optional<std::string> FunctionClient::unsupported(std::string_view url) {
  if (url.starts_with("https://") || url.starts_with("https+unix://")) {
    return "TLS endpoints (" + std::string(url) + ") are not supported by sft run yet";
  }
  if (url.starts_with("http+unix://")) {
    return "Unix-socket endpoints (" + std::string(url) + ") are not supported by sft run yet";
  }
  try {
    (void)http::Url::parse(url);
  } catch (const std::invalid_argument& e) {
    return std::string(e.what());
  }
  return std::nullopt;
}

FunctionClient::Connection::Connection(FunctionClient& c, Pool& p)
    : client(c),
      pool(p),
      connection(
          c.io_,
          p.endpoint,
          *this,
          http::ClientConnection::Options{
              .limits = {.max_header_bytes = std::size_t{64} * 1024, .max_body_bytes = p.max_body},
              .initial_buffer = 4096,
              .check_before_reuse = true,
              .check_after_idle = kCheckAfterIdle}),
      deadline(c.io_) {}

void FunctionClient::Connection::on_response(const http::MessageParser& response) {
  client.on_response(*this, response);
}

void FunctionClient::Connection::on_failure(http::ClientConnection::Failure failure,
                                            std::string_view message) {
  using Failure = http::ClientConnection::Failure;
  AttemptFailure what{AttemptFailure::Kind::transport, 0, std::string(message)};
  if (failure == Failure::connect) {
    what.kind = AttemptFailure::Kind::connect;
  } else if (failure == Failure::malformed) {
    what.kind = AttemptFailure::Kind::malformed;
  } else if (failure == Failure::aborted) {
    what.message = "no answer within the attempt's timeout";
  }
  client.on_exchange_failure(*this, what);
}

FunctionClient::FunctionClient(net::io_context& io, Listener& listener)
    : io_(io), listener_(listener) {}

// Destroyed once its loop no longer runs: the sockets and timers close with their objects.
FunctionClient::~FunctionClient() = default;

void FunctionClient::stop() {
  for (auto& [authority, pool] : pools_) {
    pool->waiting.clear();
    disarm(pool->deadline);
    pool->idle.clear();
    for (auto& connection : pool->connections) {
      connection->attempt = nullptr;
      connection->connection.close();
      disarm(connection->deadline);
      pool->idle.push_back(connection.get());
    }
  }
  for (auto& attempt : attempts_) {
    if (attempt->live) {
      if (attempt->pause) {
        attempt->pause->cancel();
      }
      finish(*attempt);
    }
  }
}

template <typename Fired>
void FunctionClient::watch(Watch& watch, TimePoint deadline, Fired fired) {
  if (deadline >= watch.armed) {
    return;  // it fires earlier and looks again then
  }
  watch.armed = deadline;
  watch.timer.expires_at(deadline);  // a wait armed later is cancelled
  watch.timer.async_wait([&watch, fired](const boost::system::error_code& ec) {
    if (ec) {
      return;  // armed anew at an earlier deadline, or stopped
    }
    watch.armed = TimePoint::max();
    fired();
  });
}

void FunctionClient::disarm(Watch& watch) {
  if (watch.armed != TimePoint::max()) {
    watch.armed = TimePoint::max();
    watch.timer.cancel();
  }
}

void FunctionClient::send(Call call) {
  Attempt* attempt = nullptr;
  if (spare_.empty()) {
    attempts_.push_back(std::make_unique<Attempt>());
    attempt = attempts_.back().get();
  } else {
    attempt = spare_.back();
    spare_.pop_back();
  }
  attempt->call = std::move(call);
  attempt->policy.emplace(attempt->call.endpoint->transport, Clock::now());
  attempt->route = nullptr;
  attempt->live = true;
  ++live_;
  start_attempt(*attempt);
}

bool FunctionClient::route(Attempt& attempt) {
  if (attempt.route != nullptr) {
    return true;
  }
  try {  // the first attempt, or the host did not resolve before
    auto known = routes_.find(attempt.call.url);
    if (known == routes_.end()) {
      const http::Url url = http::Url::parse(attempt.call.url);
      const std::string authority = url.host + ':' + std::to_string(url.port);
      auto& pool = pools_[authority];
      if (!pool) {
        net::ip::tcp::resolver resolver(io_);
        const auto results = resolver.resolve(url.host, std::to_string(url.port));
        auto made = std::make_unique<Pool>(io_);
        made->endpoint = results.begin()->endpoint();
        made->limit = static_cast<std::size_t>(attempt.call.endpoint->transport.pool_size);
        made->max_body = attempt.call.endpoint->transport.payload_max_bytes;
        pool = std::move(made);
      }
      known = routes_
                  .emplace(
                      std::string(attempt.call.url),
                      Route{pool.get(), http::RequestHead(url.authority(), url.target, "statefun")})
                  .first;
    }
    attempt.route = &known->second;
    attempt.route->head.write(attempt.call.body, attempt.request);
    return true;
  } catch (const std::exception& e) {
    attempt_failed(attempt, {AttemptFailure::Kind::connect, 0, e.what()});
    return false;
  }
}

void FunctionClient::start_attempt(Attempt& attempt) {
  if (!route(attempt)) {
    return;
  }
  const TimePoint now = Clock::now();
  attempt.deadline = now + attempt.policy->attempt_timeout(now);
  Pool& pool = *attempt.route->pool;
  if (!pool.idle.empty()) {
    Connection* connection = pool.idle.back();
    pool.idle.pop_back();
    begin_exchange(attempt, *connection);
  } else if (pool.connections.size() < pool.limit) {
    pool.connections.push_back(std::make_unique<Connection>(*this, pool));
    begin_exchange(attempt, *pool.connections.back());
  } else {
    pool.waiting.push_back(&attempt);
    attempt.waiting = true;
    watch(pool.deadline, attempt.deadline, [this, &pool] { on_pool_deadline(pool); });
  }
}

void FunctionClient::begin_exchange(Attempt& attempt, Connection& connection) {
  connection.attempt = &attempt;
  attempt.connection = &connection;
  watch(connection.deadline, attempt.deadline, [this, &connection] {
    on_connection_deadline(connection);
  });
  connection.connection.exchange(attempt.request);
}

void FunctionClient::on_connection_deadline(Connection& connection) {
  const Attempt* attempt = connection.attempt;
  if (attempt == nullptr) {
    return;  // idle: nothing to watch until the next exchange
  }
  if (attempt->deadline <= Clock::now()) {
    connection.connection.close();  // the exchange ends as aborted: a timeout
    return;
  }
  watch(connection.deadline, attempt->deadline, [this, &connection] {
    on_connection_deadline(connection);
  });
}

void FunctionClient::on_pool_deadline(Pool& pool) {
  const TimePoint now = Clock::now();
  std::vector<std::pair<Attempt*, std::uint64_t>> expired;
  TimePoint next = TimePoint::max();
  for (auto it = pool.waiting.begin(); it != pool.waiting.end();) {
    if ((*it)->deadline <= now) {
      (*it)->waiting = false;
      expired.emplace_back(*it, (*it)->generation);
      it = pool.waiting.erase(it);
    } else {
      next = std::min(next, (*it)->deadline);
      ++it;
    }
  }
  if (next != TimePoint::max()) {
    watch(pool.deadline, next, [this, &pool] { on_pool_deadline(pool); });
  }
  for (const auto& [attempt, generation] : expired) {
    if (attempt->generation == generation) {  // not stopped by an earlier one's failure
      attempt_failed(*attempt,
                     {AttemptFailure::Kind::connect, 0, std::string(kNoConnectionInTime)});
    }
  }
}

void FunctionClient::on_response(Connection& connection, const http::MessageParser& response) {
  Attempt* attempt = connection.attempt;
  if (attempt == nullptr) {
    return;
  }
  if (response.status() < 200 || response.status() > 299) {
    const std::string body = head_of(response.body());
    release(connection, true);  // the async transport closes the channel after a failure
    attempt_failed(*attempt, {AttemptFailure::Kind::status, response.status(), body});
    return;
  }
  if (!is_octet_stream(response.content_type())) {
    const std::string type =
        response.content_type().empty() ? "absent" : std::string(response.content_type());
    release(connection, true);
    attempt_failed(*attempt, {AttemptFailure::Kind::content_type, 0, type});
    return;
  }
  // A copy of the answer, so that the connection can serve the next call at once.
  answer_bytes_.assign(response.body());
  if (!wire::parse_from_function(answer_bytes_, answer_)) {
    release(connection, true);
    attempt_failed(*attempt,
                   {AttemptFailure::Kind::malformed,
                    0,
                    "the answer is not a FromFunction: the bytes are not a FromFunction message"});
    return;
  }
  release(connection, false);
  const std::uint64_t id = attempt->call.id;
  finish(*attempt);
  listener_.on_answer(id, answer_, answer_bytes_);
}

void FunctionClient::on_exchange_failure(Connection& connection, const AttemptFailure& failure) {
  Attempt* attempt = connection.attempt;
  if (attempt == nullptr) {
    return;  // an idle connection, or the call was stopped
  }
  release(connection, true);
  attempt_failed(*attempt, failure);
}

void FunctionClient::release(Connection& connection, bool close) {
  if (connection.attempt != nullptr) {
    connection.attempt->connection = nullptr;
    connection.attempt = nullptr;
  }
  if (close) {
    connection.connection.close();  // the next attempt on it connects anew
  }
  Pool& pool = connection.pool;
  if (!pool.waiting.empty()) {
    const TimePoint now = Clock::now();
    Attempt* next = nullptr;
    while (next == nullptr && !pool.waiting.empty()) {
      Attempt* first = pool.waiting.front();
      pool.waiting.pop_front();
      first->waiting = false;
      if (first->deadline <= now) {
        expire_later(*first);  // its deadline passed while it waited
      } else {
        next = first;
      }
    }
    if (pool.waiting.empty()) {
      disarm(pool.deadline);  // nothing waits (nor keeps the loop busy)
    }
    if (next != nullptr) {
      begin_exchange(*next, connection);
      return;
    }
  }
  disarm(connection.deadline);  // an idle connection has no deadline (nor keeps the loop busy)
  pool.idle.push_back(&connection);
}

void FunctionClient::expire_later(Attempt& attempt) {
  net::post(io_, [this, &attempt, generation = attempt.generation] {
    if (attempt.generation == generation) {
      attempt_failed(attempt, {AttemptFailure::Kind::connect, 0, std::string(kNoConnectionInTime)});
    }
  });
}

void FunctionClient::attempt_failed(Attempt& attempt, const AttemptFailure& failure) {
  const RetryPolicy::Decision decision = attempt.policy->after_failure(failure, Clock::now());
  const std::uint64_t id = attempt.call.id;
  if (!decision.retry) {
    finish(attempt);
    listener_.on_failure(id, decision.why);
    return;
  }
  const std::string why =
      describe(failure) + "; attempt " + std::to_string(attempt.policy->attempts() + 1) + " in " +
      std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(decision.wait).count()) +
      " ms";
  if (!attempt.pause) {
    attempt.pause.emplace(io_);
  }
  attempt.pause->expires_after(decision.wait);
  attempt.pause->async_wait(
      [this, &attempt, generation = attempt.generation](const boost::system::error_code& ec) {
        if (!ec && attempt.generation == generation) {
          start_attempt(attempt);
        }
      });
  listener_.on_retry(id, why);
}

void FunctionClient::finish(Attempt& attempt) {
  ++attempt.generation;  // a pending timer or posted step of it now does nothing
  attempt.live = false;
  attempt.waiting = false;
  attempt.connection = nullptr;
  --live_;
  spare_.push_back(&attempt);
}

}  // namespace statefun::runtime::detail
