#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include <statefun/error.hpp>
#include <statefun/server.hpp>

#include "detail/asio.hpp"
#include "server/loop.hpp"

#include <sched.h>

namespace statefun {
namespace {

/// CLOCK_MONOTONIC_COARSE: a few nanoseconds per reading, with the kernel tick's granularity
/// (a few milliseconds), which is plenty for connection timeouts.
class CoarseSteadyClock final : public Clock {
 public:
  time_point now() const noexcept override {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
    return time_point(std::chrono::duration_cast<duration>(std::chrono::seconds(now.tv_sec) +
                                                           std::chrono::nanoseconds(now.tv_nsec)));
  }
};

void log_to_stderr(std::string_view line) {
  std::string text(line);
  text += '\n';
  std::fwrite(text.data(), 1, text.size(), stderr);  // one write: lines do not interleave
}

/// Checks the options and fills in the defaults (threads, log).
ServerOptions resolve(ServerOptions options) {
  if (options.path.empty() || options.path.front() != '/') {
    throw Error(errc::invalid_argument, "server path must start with '/': " + options.path);
  }
  if (options.header_timeout.count() <= 0 || options.idle_timeout.count() <= 0 ||
      options.drain_timeout.count() <= 0) {
    throw Error(errc::invalid_argument, "server timeouts must be positive");
  }
  if (options.max_connections == 0) {
    throw Error(errc::invalid_argument, "server max_connections must be at least 1");
  }
  if (options.threads == 0) {
    options.threads = usable_cpus();
  }
  if (!options.log) {
    options.log = log_to_stderr;
  }
  if (!options.clock) {
    options.clock = std::make_shared<CoarseSteadyClock>();
  }
  return options;
}

/// "http://0.0.0.0:8000/statefun", with brackets around an IPv6 address.
std::string url(const detail::net::ip::address& address,
                std::uint16_t port,
                std::string_view path) {
  const std::string host = address.to_string();
  return "http://" + (address.is_v6() ? "[" + host + "]" : host) + ":" + std::to_string(port) +
         std::string(path);
}

/// "statefun: serving example/person (state: visits io.statefun.types/int)".
std::string describe(const StatefulFunctionSpec& spec) {
  std::string line = "statefun: serving " + spec.type.str();
  const char* separator = " (state: ";
  for (const ValueSpecBase& value : spec.value_specs) {
    line.append(separator).append(value.name()).append(" ").append(value.type_name().str());
    separator = ", ";
  }
  return spec.value_specs.empty() ? line : line + ")";
}

}  // namespace

unsigned usable_cpus() noexcept {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0) {
    return static_cast<unsigned>(CPU_COUNT(&set));
  }
  return std::max(1U, std::thread::hardware_concurrency());
}

/// The loops, the threads that run them, and the signal set that stops them.
class Server::Impl {
 public:
  Impl(RequestHandler handler, ServerOptions options);
  ~Impl();
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  Impl(Impl&&) = delete;
  Impl& operator=(Impl&&) = delete;

  std::uint16_t port() const noexcept { return port_; }

  void log(std::string_view line) const { config_.options.log(line); }

  void run();
  void start();
  void stop();
  void wait();

  /// True on a thread that runs one of the loops (in a handler, say).
  bool on_loop_thread() const;

  /// The Server is being destroyed on one of its loop threads, whose loop is up the stack and
  /// must not be destroyed under it: stops, and leaves this Impl to the thread that will be
  /// the last in it: run()'s caller when serving in run(), else this thread (detached), which
  /// deletes it once its loop has returned and the other loops' threads are joined.
  void orphan();

 private:
  /// Deletes this Impl when orphan() left it to the calling thread, whose loop has returned
  /// (run(): after joining the others).
  void release_if_orphaned();

  /// Binds one loop per thread to the address (they share the port).
  void open(const detail::net::ip::address& address);
  /// Marks the server started, logs where it listens and watches the signals; false when it
  /// was started before.
  bool begin();
  /// Runs loops_[first..] on threads of their own.
  void spawn(std::size_t first);

  detail::server::ServerConfig config_;
  std::vector<std::unique_ptr<detail::server::Loop>> loops_;
  std::optional<detail::net::signal_set> signals_;  // on loops_[0], used on its thread only
  mutable std::mutex threads_mutex_;                // start() may spawn while another thread waits
  std::vector<std::thread> threads_;
  mutable std::mutex ids_mutex_;                  // never held while waiting: a handler may take it
  std::vector<std::thread::id> loop_thread_ids_;  // run()'s caller and threads_, by ids_mutex_
  std::atomic<std::thread::id> run_thread_{};     // run()'s caller
  std::atomic<std::thread::id> orphaned_to_{};
  std::atomic<bool> stopped_{false};
  std::atomic<bool> started_{false};
  std::string url_;
  std::uint16_t port_ = 0;
};

Server::Impl::Impl(RequestHandler handler, ServerOptions options)
    : config_{std::move(handler), resolve(std::move(options))} {
  if (!config_.handler) {
    throw Error(errc::invalid_argument, "server handler is empty");
  }
  detail::error_code ec;
  const auto address = detail::net::ip::make_address(config_.options.address, ec);
  if (ec) {
    throw Error(errc::invalid_argument, "invalid server address: " + config_.options.address);
  }
  url_ = url(address, config_.options.port, config_.options.path);
  try {
    open(address);
  } catch (const boost::system::system_error& e) {  // bind and listen report errno values
    throw std::system_error(std::error_code(e.code().value(), std::system_category()),
                            "cannot listen on " + url_);
  }
  url_ = url(address, port_, config_.options.path);
}

namespace {

/// SO_REUSEPORT would let us share a port another server of this user listens on: bind it once
/// without, to fail with EADDRINUSE instead.
void check_port_free(detail::net::io_context& context, const detail::tcp::endpoint& endpoint) {
  detail::tcp::acceptor probe(context, endpoint.protocol());
  probe.set_option(detail::tcp::acceptor::reuse_address(true));
  probe.bind(endpoint);
}

}  // namespace

void Server::Impl::open(const detail::net::ip::address& address) {
  detail::tcp::endpoint endpoint(address, config_.options.port);
  if (endpoint.port() != 0) {
    detail::net::io_context context;
    check_port_free(context, endpoint);
  }
  loops_.push_back(std::make_unique<detail::server::Loop>(config_, endpoint));
  port_ = loops_.front()->port();
  endpoint.port(port_);  // port 0: the others share the port the first one got
  for (unsigned i = 1; i < config_.options.threads; ++i) {
    loops_.push_back(std::make_unique<detail::server::Loop>(config_, endpoint));
  }
}

Server::Impl::~Impl() {
  stop();
  wait();
}

bool Server::Impl::begin() {  // the signal set lives on loops_[0]'s thread
  if (started_.exchange(true)) {
    return false;
  }
  const std::size_t n = loops_.size();
  detail::net::post(loops_.front()->context(), [this, n] {
    if (config_.options.handle_signals && !stopped_) {
      signals_.emplace(loops_.front()->context(), SIGINT, SIGTERM);
      signals_->async_wait([this](const detail::error_code& ec, int signal) {
        if (!ec) {
          log("statefun: stopping on signal " + std::to_string(signal));
          stop();
        }
      });
    }
    log("statefun: listening on " + url_ + " (" + std::to_string(n) +
        (n == 1 ? " thread)" : " threads)"));
  });
  return true;
}

void Server::Impl::spawn(std::size_t first) {
  try {
    const std::lock_guard lock(threads_mutex_);
    const std::lock_guard ids_lock(ids_mutex_);  // a handler asks once its thread is listed
    for (std::size_t i = first; i < loops_.size(); ++i) {
      threads_.emplace_back([this, loop = loops_[i].get()] {
        loop->run();
        release_if_orphaned();
      });
      loop_thread_ids_.push_back(threads_.back().get_id());
    }
  } catch (...) {
    stop();
    wait();
    throw;
  }
}

void Server::Impl::run() {
  if (!begin()) {
    return;
  }
  run_thread_ = std::this_thread::get_id();
  {
    const std::lock_guard lock(ids_mutex_);
    loop_thread_ids_.push_back(run_thread_);
  }
  spawn(1);
  loops_.front()->run();
  wait();
  release_if_orphaned();
}

void Server::Impl::start() {
  if (begin()) {
    spawn(0);
  }
}

void Server::Impl::stop() {
  if (stopped_.exchange(true)) {
    return;
  }
  for (const auto& loop : loops_) {
    loop->stop();
  }
  detail::net::post(loops_.front()->context(), [this] {
    if (signals_) {
      detail::error_code ignored;
      signals_->cancel(ignored);
    }
  });
}

void Server::Impl::wait() {
  const std::lock_guard lock(threads_mutex_);  // a second waiter waits for the first
  for (std::thread& thread : threads_) {
    if (thread.joinable() && thread.get_id() != std::this_thread::get_id()) {
      thread.join();
    }
  }
}

bool Server::Impl::on_loop_thread() const {
  const std::lock_guard lock(ids_mutex_);
  return std::find(loop_thread_ids_.begin(), loop_thread_ids_.end(), std::this_thread::get_id()) !=
         loop_thread_ids_.end();
}

void Server::Impl::orphan() {
  // Decided before stop(): once stopped, run()'s caller may be joining threads under
  // threads_mutex_, so serving in run() never takes it here.
  if (const std::thread::id runner = run_thread_; runner != std::thread::id{}) {
    orphaned_to_ = runner;  // run() deletes it once it has joined every other thread
  } else {
    // start(): only a wait() of another thread could hold the mutex, and destroying a server
    // that another thread waits on is not allowed.
    const auto self = std::this_thread::get_id();
    const std::lock_guard lock(threads_mutex_);
    for (std::thread& thread : threads_) {
      if (thread.get_id() == self) {
        thread.detach();  // it deletes this Impl: nobody else may join it
      }
    }
    orphaned_to_ = self;
  }
  stop();
}

void Server::Impl::release_if_orphaned() {
  if (orphaned_to_.load() == std::this_thread::get_id()) {
    delete this;  // NOLINT(cppcoreguidelines-owning-memory): orphan() left it to this thread
  }
}

Server::Server(RequestHandler handler, ServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(handler), std::move(options))) {}

Server::Server(const RequestReplyHandler& handler, ServerOptions options)
    // RequestLimits is trivially copyable: reading it while `options` moves is well defined.
    : Server([handler, limits = options.limits](
                 std::string_view body) { return handler.handle(body, limits); },
             std::move(options)) {
  for (const StatefulFunctionSpec* spec : handler.functions().all()) {
    impl_->log(describe(*spec));
  }
}

Server::~Server() {
  if (impl_->on_loop_thread()) {
    impl_->orphan();
    (void)impl_.release();  // NOLINT(bugprone-unused-return-value): the loop thread deletes it
  }
}

std::uint16_t Server::port() const noexcept {
  return impl_->port();
}

void Server::run() {
  impl_->run();
}

void Server::start() {
  impl_->start();
}

void Server::stop() {
  impl_->stop();
}

void Server::wait() {
  impl_->wait();
}

}  // namespace statefun
