#include "egress_drain.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string_view>
#include <utility>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>

#include <statefun/http/url.hpp>

namespace statefun::load {

/// One connection that GETs the topic, then again, until the drain is done.
struct EgressDrain::Getter final : http::ClientConnection::Listener {
  Getter(EgressDrain& d, const boost::asio::ip::tcp::endpoint& endpoint)
      : drain(d), connection(d.io_, endpoint, *this, {}), pause(d.io_) {}

  void get() {
    if (drain.done(drain.clock_.now())) {
      connection.close();
      drain.on_stopped();
      return;
    }
    connection.exchange(drain.request_);
  }

  void on_response(const http::MessageParser& response) override {
    const Clock::time_point now = drain.clock_.now();
    if (response.status() == 200 && !response.body().empty()) {
      drain.on_record(now);
      get();
      return;
    }
    if (response.status() != 200) {
      drain.on_failure("HTTP " + std::to_string(response.status()) + " from the egress");
    }
    again_after(kWait);  // an egress that does not hold the GET (or that failed) is not spun on
  }

  void on_failure(http::ClientConnection::Failure /*failure*/, std::string_view why) override {
    drain.on_failure(why);
    again_after(kWait);
  }

  void again_after(std::chrono::milliseconds wait) {
    pause.expires_after(wait);
    pause.async_wait([this](const boost::system::error_code& ec) {
      if (!ec) {
        get();
      }
    });
  }

  EgressDrain& drain;
  http::ClientConnection connection;
  boost::asio::steady_timer pause;
};

EgressDrain::EgressDrain(const std::string& url, Clock& clock, Clock::time_point start)
    : clock_(clock), start_(start), last_record_(start) {
  const http::Url parsed = http::Url::parse(url);  // throws std::invalid_argument
  boost::asio::ip::tcp::resolver resolver(io_);
  boost::system::error_code ec;
  const auto endpoints = resolver.resolve(parsed.host, std::to_string(parsed.port), ec);
  if (ec || endpoints.empty()) {
    throw std::invalid_argument("cannot resolve the egress's host '" + parsed.host +
                                "': " + ec.message());
  }
  const char separator = parsed.target.find('?') == std::string::npos ? '?' : '&';
  request_ = "GET " + parsed.target + separator + "wait=" + std::to_string(kWait.count()) +
             "ms HTTP/1.1\r\nHost: " + parsed.authority() + "\r\nUser-Agent: sft-load\r\n\r\n";
  result_.url = url;
  for (unsigned i = 0; i < kConnections; ++i) {
    getters_.push_back(std::make_unique<Getter>(*this, endpoints.begin()->endpoint()));
    boost::asio::post(io_, [getter = getters_.back().get()] { getter->get(); });
  }
  thread_ = std::thread([this] { io_.run(); });
}

EgressDrain::~EgressDrain() {
  stop();
}

void EgressDrain::stop() {
  if (thread_.joinable()) {
    io_.stop();
    thread_.join();
  }
}

bool EgressDrain::done(Clock::time_point now) const {
  const std::lock_guard lock(mutex_);
  return ending_ && (now - std::max(last_record_, end_) >= kQuiet || now - end_ >= kMostAfterEnd);
}

void EgressDrain::on_record(Clock::time_point now) {
  const std::lock_guard lock(mutex_);
  ++result_.records;
  last_record_ = now;
  const auto second = static_cast<std::size_t>(std::max<Clock::duration>(now - start_, {}) /
                                               std::chrono::seconds(1));
  if (result_.per_second.size() <= second) {
    result_.per_second.resize(second + 1);
  }
  ++result_.per_second[second];
}

void EgressDrain::on_stopped() {
  const std::lock_guard lock(mutex_);
  if (++stopped_ == getters_.size()) {
    stopped_cv_.notify_all();
  }
}

void EgressDrain::on_failure(std::string_view why) {
  const std::lock_guard lock(mutex_);
  if (result_.failures++ == 0) {
    result_.failure = std::string(why);
  }
}

EgressResult EgressDrain::finish(Clock::time_point when) {
  std::unique_lock lock(mutex_);
  ending_ = true;
  end_ = when;
  // The getters stop by themselves once done(); a GET the egress never answers is cut off.
  const auto latest = std::chrono::steady_clock::now() + kMostAfterEnd + kQuiet + 2 * kWait;
  stopped_cv_.wait_until(lock, latest, [this] { return stopped_ == getters_.size(); });
  lock.unlock();
  stop();
  lock.lock();
  using Seconds = std::chrono::duration<double>;
  result_.seconds = Seconds(last_record_ - start_).count();
  result_.drained_s = std::max(0.0, Seconds(last_record_ - when).count());
  return result_;
}

}  // namespace statefun::load
