// FunctionClient: the runtime's HTTP transport to function services: each call's attempts over
// pooled keep-alive connections, its answer checked as the Statefun transports check it, and
// its failures retried by the transport's rules until the call's budget is spent.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include <statefun/http/client_connection.hpp>
#include <statefun/http/request_head.hpp>
#include <statefun/wire/from_function.hpp>

#include "dispatcher.hpp"
#include "retry_policy.hpp"

namespace statefun::runtime::detail {

/// Calls are cheap to hold in the thousands (a Flink task keeps up to 32,768 in flight): a call
/// waiting for a pooled connection is a queue entry, and timeouts cost no timer operation per
/// call. Each connection and each pool has one timer, armed at the earliest deadline it watches
/// and re-armed only when it fires (deadlines mostly come later than the one armed) or when an
/// earlier one arrives.
class FunctionClient {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  /// Receives the outcome of every call, on the io_context's thread. Each function is the last
  /// thing the client does in its step: a listener may stop() the client.
  class Listener {
   public:
    virtual ~Listener() = default;
    /// The function answered (a 2xx octet-stream FromFunction): `answer` is read in place from
    /// `bytes`, both valid until the listener returns.
    virtual void on_answer(std::uint64_t call_id,
                           const wire::FromFunctionView& answer,
                           std::string_view bytes) = 0;
    /// An attempt failed and will be retried; `why` says what failed and when the next comes.
    virtual void on_retry(std::uint64_t call_id, const std::string& why) = 0;
    /// The call failed for good (its budget spent, or a failure its transport does not retry).
    virtual void on_failure(std::uint64_t call_id, const std::string& why) = 0;

   protected:
    Listener() = default;
    Listener(const Listener&) = default;
    Listener& operator=(const Listener&) = default;
  };

  /// Checks that the client can call `url` (http:// only for now); the reason when not.
  static std::optional<std::string> unsupported(std::string_view url);

  FunctionClient(boost::asio::io_context& io, Listener& listener);
  ~FunctionClient();
  FunctionClient(const FunctionClient&) = delete;
  FunctionClient& operator=(const FunctionClient&) = delete;

  /// Starts `call` (its endpoint's transport decides timeouts and retries).
  void send(Call call);

  /// Aborts every call under way; none is reported.
  void stop();

  /// Calls under way.
  std::size_t in_flight() const noexcept { return live_; }

 private:
  struct Pool;
  struct Attempt;
  struct Route;

  /// A timer armed at the earliest deadline its owner watches, re-armed lazily.
  struct Watch {
    explicit Watch(boost::asio::io_context& io) : timer(io) {}

    boost::asio::steady_timer timer;
    TimePoint armed = TimePoint::max();  ///< when it fires; max: not armed
  };

  /// One pooled connection: the ClientConnection, the attempt it serves and its deadline.
  struct Connection final : http::ClientConnection::Listener {
    Connection(FunctionClient& client, Pool& pool);
    void on_response(const http::MessageParser& response) override;
    void on_failure(http::ClientConnection::Failure failure, std::string_view message) override;

    FunctionClient& client;
    Pool& pool;
    http::ClientConnection connection;
    Attempt* attempt = nullptr;
    Watch deadline;
  };

  /// The connections to one host and port, and the calls waiting for one of them.
  struct Pool {
    explicit Pool(boost::asio::io_context& io) : deadline(io) {}

    boost::asio::ip::tcp::endpoint endpoint;
    std::size_t limit = 1024;
    std::size_t max_body = 0;
    std::vector<std::unique_ptr<Connection>> connections;
    std::vector<Connection*> idle;
    std::deque<Attempt*> waiting;  // for a connection, in order
    Watch deadline;                // of the waiting attempts
  };

  /// Where a URL's requests go: its pool and the head of its requests, made once per URL.
  struct Route {
    Pool* pool = nullptr;
    http::RequestHead head;
  };

  /// A call and its attempts, from send() until its outcome. Finished attempts are kept for the
  /// next calls (as many as were ever under way at once), their buffers reused.
  struct Attempt {
    Call call;
    std::optional<RetryPolicy> policy;
    const Route* route = nullptr;
    std::string request;  ///< the HTTP request: the route's head and the call's body
    TimePoint deadline;   ///< of the attempt under way
    Connection* connection = nullptr;
    bool live = false;                               ///< from send() to its outcome
    bool waiting = false;                            ///< in its pool's waiting queue
    std::optional<boost::asio::steady_timer> pause;  ///< before a retry
    std::uint64_t generation = 0;                    ///< changes when the attempt is finished
  };

  /// Gives the attempt its route and request bytes, once; false (the attempt failed) when the
  /// host does not resolve.
  bool route(Attempt& attempt);
  void start_attempt(Attempt& attempt);
  void begin_exchange(Attempt& attempt, Connection& connection);
  void on_response(Connection& connection, const http::MessageParser& response);
  void on_exchange_failure(Connection& connection, const AttemptFailure& failure);
  /// Ends the exchange on `connection` (closing it when `close`) and gives it to the next
  /// waiting attempt, or back to the idle list.
  void release(Connection& connection, bool close);
  void attempt_failed(Attempt& attempt, const AttemptFailure& failure);
  /// Fails `attempt` (no connection became free in time) from the event loop, later.
  void expire_later(Attempt& attempt);
  void finish(Attempt& attempt);

  /// Makes `watch` fire at `deadline` at the latest; `fired()` runs when it does.
  template <typename Fired>
  static void watch(Watch& watch, TimePoint deadline, Fired fired);
  static void disarm(Watch& watch);
  void on_connection_deadline(Connection& connection);
  void on_pool_deadline(Pool& pool);

  boost::asio::io_context& io_;
  Listener& listener_;
  std::map<std::string, std::unique_ptr<Pool>> pools_;                          // "host:port"
  std::unordered_map<std::string, Route, StringHash, std::equal_to<>> routes_;  // by URL
  std::vector<std::unique_ptr<Attempt>> attempts_;  // every attempt object, live or spare
  std::vector<Attempt*> spare_;                     // finished, for the next calls
  std::size_t live_ = 0;
  std::string answer_bytes_;       // the answer being handed over
  wire::FromFunctionView answer_;  // read from answer_bytes_
};

}  // namespace statefun::runtime::detail
