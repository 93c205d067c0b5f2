#include "playground_egress_queues.hpp"

#include <algorithm>
#include <chrono>
#include <optional>
#include <stdexcept>
#include <utility>

#include <boost/asio/steady_timer.hpp>

#include <statefun/http/syntax.hpp>

#include "flink_duration.hpp"

namespace statefun::runtime::detail {

namespace {

constexpr std::chrono::minutes kMaxWait{10};

LocalResponse payload_response(std::string payload) {
  return {.status = 200, .body_type = http::BodyType::unlabelled, .body = std::move(payload)};
}

/// The `wait` parameter of a query ("a=1&wait=5s"), if there is one.
std::optional<std::string_view> wait_parameter(std::string_view target) {
  const std::size_t question = target.find('?');
  if (question == std::string_view::npos) {
    return std::nullopt;
  }
  std::string_view query = target.substr(question + 1);
  query = query.substr(0, query.find('#'));
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view parameter = query.substr(0, amp);
    if (parameter.starts_with("wait=")) {
      return parameter.substr(5);
    }
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
  }
  return std::nullopt;
}

}  // namespace

/// A request waiting for its topic's next payload, until its timer fires.
struct PlaygroundEgressQueues::Waiter {
  explicit Waiter(boost::asio::io_context& io) : timer(io) {}

  LocalHttpServer::Reply reply;
  boost::asio::steady_timer timer;
};

PlaygroundEgressQueues::PlaygroundEgressQueues(boost::asio::io_context& io,
                                               const std::vector<std::string>& topics,
                                               std::size_t capacity)
    : io_(io), capacity_(capacity) {
  for (const std::string& topic : topics) {
    topics_[topic];
  }
}

bool PlaygroundEgressQueues::push(const std::string& topic, std::string payload) {
  const auto found = topics_.find(topic);
  if (found == topics_.end()) {
    ++dropped_;
    return false;
  }
  Topic& t = found->second;
  if (!t.waiters.empty()) {
    const std::shared_ptr<Waiter> waiter = std::move(t.waiters.front());
    t.waiters.pop_front();
    waiter->timer.cancel();
    waiter->reply(payload_response(std::move(payload)));
    return true;
  }
  if (t.payloads.size() >= capacity_) {
    ++dropped_;
    return false;
  }
  t.payloads.push_back(std::move(payload));
  return true;
}

void PlaygroundEgressQueues::request(std::string_view target, const LocalHttpServer::Reply& reply) {
  std::string_view path = http::target_path(target);
  if (path.starts_with('/')) {
    path.remove_prefix(1);
  }
  const std::string name = http::percent_decode(path).value_or(std::string(path));
  const auto found = topics_.find(name);
  if (found == topics_.end()) {
    reply(unknown_topic(name));
    return;
  }
  Topic& topic = found->second;
  if (!topic.payloads.empty()) {
    std::string payload = std::move(topic.payloads.front());
    topic.payloads.pop_front();
    reply(payload_response(std::move(payload)));
    return;
  }
  if (const std::optional<std::string_view> wait = wait_parameter(target)) {
    wait_for_next(topic, *wait, reply);
    return;
  }
  reply(payload_response({}));
}

LocalResponse PlaygroundEgressQueues::unknown_topic(const std::string& name) const {
  std::string known;
  for (const auto& [topic, queue] : topics_) {
    known += (known.empty() ? "" : ", ") + topic;
  }
  return {.status = 404,
          .body = "the playground egress has no topic '" + name +
                  "' (its topics: " + (known.empty() ? "none" : known) + ")"};
}

void PlaygroundEgressQueues::wait_for_next(Topic& topic,
                                           std::string_view wait,
                                           const LocalHttpServer::Reply& reply) {
  std::chrono::nanoseconds timeout{};
  try {
    timeout = parse_flink_duration(wait);
  } catch (const std::invalid_argument& e) {
    reply({.status = 400, .body = "wait=" + std::string(wait) + ": " + e.what()});
    return;
  }
  auto waiter = std::make_shared<Waiter>(io_);
  waiter->reply = reply;
  waiter->timer.expires_after(std::min<std::chrono::nanoseconds>(timeout, kMaxWait));
  // the timer dies with its waiter (with the queues at the latest), cancelled: then the
  // handler sees an error and touches nothing
  waiter->timer.async_wait(
      [&topic, weak = std::weak_ptr(waiter)](const boost::system::error_code& ec) {
        const std::shared_ptr<Waiter> expired = weak.lock();
        if (ec || !expired) {
          return;
        }
        std::erase(topic.waiters, expired);
        expired->reply(payload_response({}));
      });
  topic.waiters.push_back(std::move(waiter));
}

}  // namespace statefun::runtime::detail
