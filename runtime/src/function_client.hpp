// FunctionClient: the runtime's HTTP transport to function services: each call's attempts over
// pooled keep-alive connections, its answer checked as the Statefun transports check it, and
// its failures retried by the transport's rules until the call's budget is spent.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include <statefun/http/client_connection.hpp>
#include <statefun/protocol/response.hpp>

#include "dispatcher.hpp"
#include "retry_policy.hpp"

namespace statefun::runtime::detail {

class FunctionClient {
 public:
  /// Receives the outcome of every call, on the io_context's thread.
  class Listener {
   public:
    virtual ~Listener() = default;
    /// The function answered (a 2xx octet-stream FromFunction).
    virtual void on_answer(std::uint64_t call_id, const protocol::Response& response) = 0;
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
  std::size_t in_flight() const noexcept { return attempts_.size(); }

 private:
  struct Pool;
  struct Attempt;

  /// One pooled connection: the ClientConnection and the attempt it serves.
  struct Connection final : http::ClientConnection::Listener {
    Connection(FunctionClient& client, Pool& pool);
    void on_response(const http::MessageParser& response) override;
    void on_failure(http::ClientConnection::Failure failure, std::string_view message) override;

    FunctionClient& client;
    Pool& pool;
    http::ClientConnection connection;
    Attempt* attempt = nullptr;
  };

  /// The connections to one host and port.
  struct Pool {
    boost::asio::ip::tcp::endpoint endpoint;
    std::size_t limit = 1024;
    std::size_t max_body = 0;
    std::vector<std::unique_ptr<Connection>> connections;
    std::vector<Connection*> idle;
    std::deque<std::uint64_t> waiting;  // attempts waiting for a connection
  };

  /// A call and its attempts. Finished attempts are kept for the next calls (spare_), their
  /// timer and request buffer reused.
  struct Attempt {
    Attempt(boost::asio::io_context& io, Call c) : call(std::move(c)), timer(io) {}

    Call call;
    std::optional<RetryPolicy> policy;
    boost::asio::steady_timer timer;
    std::string request;
    Pool* pool = nullptr;
    Connection* connection = nullptr;
  };

  /// Where a URL's requests go: its pool and the request line's parts, worked out once per URL.
  struct Route {
    Pool* pool = nullptr;
    std::string authority;  ///< the Host header
    std::string target;     ///< the request target
  };

  /// The route of the call's URL (its host resolved once); throws when the host does not
  /// resolve.
  const Route& route_for(const Call& call);
  /// Gives the attempt its pool and request bytes, once; false (the attempt failed) when the
  /// host does not resolve.
  bool route(Attempt& attempt);
  void start_attempt(Attempt& attempt);
  static void begin_exchange(Attempt& attempt, Connection& connection);
  void on_response(Connection& connection, const http::MessageParser& response);
  void on_exchange_failure(Connection& connection, const AttemptFailure& failure);
  /// Ends the attempt on `connection`: back to the pool's idle list, or closed when `close`.
  void release(Connection& connection, bool close);
  void attempt_failed(std::uint64_t id, const AttemptFailure& failure);
  void finish(std::uint64_t id);

  boost::asio::io_context& io_;
  Listener& listener_;
  std::map<std::string, std::unique_ptr<Pool>> pools_;  // by "host:port"
  std::unordered_map<std::string, Route> routes_;       // by URL
  std::unordered_map<std::uint64_t, std::unique_ptr<Attempt>> attempts_;
  std::vector<std::unique_ptr<Attempt>> spare_;  // finished, for the next calls
};

}  // namespace statefun::runtime::detail
