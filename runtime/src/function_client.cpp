// The runtime's HTTP transport: pooled connections, answers checked as the Statefun transports
// check them, retries by the endpoint's transport rules.
#include "function_client.hpp"

#include <chrono>
#include <cstdint>
#include <exception>
#include <optional>
#include <stdexcept>
#include <utility>

#include <boost/asio/ip/tcp.hpp>

#include <statefun/error.hpp>
#include <statefun/http/request_head.hpp>
#include <statefun/http/url.hpp>

namespace statefun::runtime::detail {

namespace {

namespace net = boost::asio;

/// A pooled connection idle this long is checked before reuse (a poll): a server closes idle
/// connections after seconds, and a busy pool reuses its connections within microseconds.
constexpr std::chrono::seconds kCheckAfterIdle{1};

/// Finished attempts kept for reuse: as many as a busy pool has in flight.
constexpr std::size_t kSpareAttempts = 1024;

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
              .check_after_idle = kCheckAfterIdle}) {}

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

FunctionClient::~FunctionClient() {
  stop();
}

void FunctionClient::stop() {
  attempts_.clear();
  for (auto& [authority, pool] : pools_) {
    pool->waiting.clear();
    for (auto& connection : pool->connections) {
      connection->attempt = nullptr;
      connection->connection.close();
    }
  }
}

const FunctionClient::Route& FunctionClient::route_for(const Call& call) {
  if (const auto known = routes_.find(call.url); known != routes_.end()) {
    return known->second;
  }
  const http::Url url = http::Url::parse(call.url);
  const std::string authority = url.host + ':' + std::to_string(url.port);
  auto& pool = pools_[authority];
  if (!pool) {
    net::ip::tcp::resolver resolver(io_);
    const auto results = resolver.resolve(url.host, std::to_string(url.port));
    auto made = std::make_unique<Pool>();
    made->endpoint = results.begin()->endpoint();
    made->limit = static_cast<std::size_t>(call.endpoint->transport.pool_size);
    made->max_body = call.endpoint->transport.payload_max_bytes;
    pool = std::move(made);
  }
  return routes_.emplace(call.url, Route{pool.get(), url.authority(), url.target}).first->second;
}

void FunctionClient::send(Call call) {
  const std::uint64_t id = call.id;
  const Transport& transport = call.endpoint->transport;
  std::unique_ptr<Attempt> attempt;
  if (spare_.empty()) {
    attempt = std::make_unique<Attempt>(io_, std::move(call));
  } else {
    attempt = std::move(spare_.back());
    spare_.pop_back();
    attempt->call = std::move(call);
    attempt->request.clear();
    attempt->pool = nullptr;
    attempt->connection = nullptr;
  }
  attempt->policy.emplace(transport, std::chrono::steady_clock::now());
  start_attempt(*attempts_.emplace(id, std::move(attempt)).first->second);
}

bool FunctionClient::route(Attempt& attempt) {
  if (attempt.pool != nullptr) {
    return true;
  }
  try {  // the first attempt, or the host did not resolve before
    const Route& route = route_for(attempt.call);
    http::RequestHead(route.authority, route.target, "statefun")
        .write(attempt.call.body, attempt.request);
    attempt.pool = route.pool;
    return true;
  } catch (const std::exception& e) {
    attempt_failed(attempt.call.id, {AttemptFailure::Kind::connect, 0, e.what()});
    return false;
  }
}

void FunctionClient::start_attempt(Attempt& attempt) {
  if (!route(attempt)) {
    return;
  }
  Pool& pool = *attempt.pool;
  const std::uint64_t id = attempt.call.id;
  attempt.timer.expires_after(attempt.policy->attempt_timeout(std::chrono::steady_clock::now()));
  attempt.timer.async_wait([this, id](const boost::system::error_code& ec) {
    if (ec) {
      return;  // cancelled: the attempt ended
    }
    const auto it = attempts_.find(id);
    if (it == attempts_.end()) {
      return;
    }
    if (it->second->connection != nullptr) {
      it->second->connection->connection.close();  // ends the exchange as aborted
      return;
    }
    std::erase(it->second->pool->waiting, id);
    attempt_failed(id,
                   {AttemptFailure::Kind::connect,
                    0,
                    "no connection of the pool became free within the attempt's timeout"});
  });
  if (!pool.idle.empty()) {
    Connection* connection = pool.idle.back();
    pool.idle.pop_back();
    begin_exchange(attempt, *connection);
  } else if (pool.connections.size() < pool.limit) {
    pool.connections.push_back(std::make_unique<Connection>(*this, pool));
    begin_exchange(attempt, *pool.connections.back());
  } else {
    pool.waiting.push_back(id);
  }
}

void FunctionClient::begin_exchange(Attempt& attempt, Connection& connection) {
  connection.attempt = &attempt;
  attempt.connection = &connection;
  connection.connection.exchange(attempt.request);
}

void FunctionClient::on_response(Connection& connection, const http::MessageParser& response) {
  Attempt* attempt = connection.attempt;
  if (attempt == nullptr) {
    return;
  }
  const std::uint64_t id = attempt->call.id;
  if (response.status() < 200 || response.status() > 299) {
    const std::string body = head_of(response.body());
    release(connection, true);  // the async transport closes the channel after a failure
    attempt_failed(id, {AttemptFailure::Kind::status, response.status(), body});
    return;
  }
  if (!is_octet_stream(response.content_type())) {
    const std::string type =
        response.content_type().empty() ? "absent" : std::string(response.content_type());
    release(connection, true);
    attempt_failed(id, {AttemptFailure::Kind::content_type, 0, type});
    return;
  }
  protocol::Response answer;
  try {
    answer = protocol::decode_response(response.body());
  } catch (const Error& e) {
    release(connection, true);
    attempt_failed(id,
                   {AttemptFailure::Kind::malformed,
                    0,
                    std::string("the answer is not a FromFunction: ") + e.what()});
    return;
  }
  release(connection, false);
  finish(id);
  listener_.on_answer(id, answer);
}

void FunctionClient::on_exchange_failure(Connection& connection, const AttemptFailure& failure) {
  Attempt* attempt = connection.attempt;
  if (attempt == nullptr) {
    return;  // an idle connection, or the call was stopped
  }
  const std::uint64_t id = attempt->call.id;
  release(connection, true);
  attempt_failed(id, failure);
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
  while (!pool.waiting.empty()) {
    const std::uint64_t next = pool.waiting.front();
    pool.waiting.pop_front();
    const auto it = attempts_.find(next);
    if (it != attempts_.end()) {
      begin_exchange(*it->second, connection);
      return;
    }
  }
  pool.idle.push_back(&connection);
}

void FunctionClient::attempt_failed(std::uint64_t id, const AttemptFailure& failure) {
  const auto it = attempts_.find(id);
  if (it == attempts_.end()) {
    return;
  }
  Attempt& attempt = *it->second;
  attempt.timer.cancel();
  const RetryPolicy::Decision decision =
      attempt.policy->after_failure(failure, std::chrono::steady_clock::now());
  if (!decision.retry) {
    finish(id);
    listener_.on_failure(id, decision.why);
    return;
  }
  listener_.on_retry(
      id,
      describe(failure) + "; attempt " + std::to_string(attempt.policy->attempts() + 1) + " in " +
          std::to_string(
              std::chrono::duration_cast<std::chrono::milliseconds>(decision.wait).count()) +
          " ms");
  attempt.timer.expires_after(decision.wait);
  attempt.timer.async_wait([this, id](const boost::system::error_code& ec) {
    if (ec) {
      return;
    }
    const auto again = attempts_.find(id);
    if (again != attempts_.end()) {
      start_attempt(*again->second);
    }
  });
}

void FunctionClient::finish(std::uint64_t id) {
  const auto it = attempts_.find(id);
  if (it != attempts_.end()) {
    it->second->timer.cancel();  // its handler sees operation_aborted, whatever call comes next
    if (spare_.size() < kSpareAttempts) {
      spare_.push_back(std::move(it->second));
    }
    attempts_.erase(it);
  }
}

}  // namespace statefun::runtime::detail
