// The local runtime's run loop: input into the dispatcher, its calls through the HTTP
// transport, answers back, delayed messages on real or simulated time, until the run ends.
#include <algorithm>
#include <atomic>
#include <deque>
#include <limits>
#include <map>
#include <string_view>
#include <utility>
#include <variant>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <statefun/runtime/playground_ingress.hpp>
#include <statefun/runtime/runtime.hpp>

#include "admin_view.hpp"
#include "dispatcher.hpp"
#include "function_client.hpp"
#include "local_http_server.hpp"
#include "playground_egress_queues.hpp"

namespace statefun::runtime {

namespace {

constexpr std::chrono::milliseconds kStopCheck{50};

const Ingress* playground_ingress(const Module& module) {
  for (const Ingress& ingress : module.ingresses) {
    if (ingress.kind == Ingress::Kind::playground) {
      return &ingress;
    }
  }
  return nullptr;
}

const Egress* playground_egress(const Module& module) {
  for (const Egress& egress : module.egresses) {
    if (egress.kind == Egress::Kind::playground) {
      return &egress;
    }
  }
  return nullptr;
}

std::uint16_t chosen_port(std::optional<std::uint16_t> flag, int module_port) {
  return flag ? *flag : static_cast<std::uint16_t>(module_port);
}

}  // namespace

class Runtime::Impl final : detail::FunctionClient::Listener {
 public:
  Impl(Module module, RunOptions options)
      : module_(std::move(module)),
        options_(std::move(options)),
        clock_(options_.time == RunOptions::Time::simulated ? static_cast<const Clock&>(simulated_)
                                                            : static_cast<const Clock&>(*steady_)),
        dispatcher_(module_, clock_, options_.observer, options_.max_in_flight),
        client_(io_, *this),
        delay_timer_(io_),
        stop_timer_(io_),
        duration_timer_(io_) {
    for (const Endpoint& endpoint : module_.endpoints) {
      if (const auto why = detail::FunctionClient::unsupported(
              endpoint.url_for(TypeName(endpoint.functions.ns, "fn")))) {
        throw ModuleError(endpoint.where, *why);
      }
    }
    if (options_.http.serve) {
      serve_playground_http();
    }
    if (options_.http.admin_port) {
      admin_server_.emplace(
          io_,
          detail::LocalHttpServer::Options{.host = options_.http.host,
                                           .port = *options_.http.admin_port},
          [this](const detail::LocalRequest& request, const detail::LocalHttpServer::Reply& reply) {
            reply(detail::admin_answer(
                request.target, address_states(), dispatcher_.delayed().pending(), clock_.now()));
          });
    }
  }

  void send(IngressMessage message) {
    if (message.at) {
      const Clock::time_point due = dispatcher_.start() + *message.at;
      later_.emplace(due, std::move(message));  // equal times keep the order they were sent in
      return;
    }
    input_.push_back({std::move(message), {}});
  }

  std::optional<std::uint16_t> ingress_port() const noexcept {
    return ingress_server_ ? std::optional(ingress_server_->port()) : std::nullopt;
  }

  std::optional<std::uint16_t> egress_port() const noexcept {
    return egress_server_ ? std::optional(egress_server_->port()) : std::nullopt;
  }

  std::optional<std::uint16_t> admin_port() const noexcept {
    return admin_server_ ? std::optional(admin_server_->port()) : std::nullopt;
  }

  RunResult run() {
    watch_stop();
    if (options_.duration) {
      duration_timer_.expires_after(*options_.duration);
      duration_timer_.async_wait([this](const boost::system::error_code& ec) {
        if (!ec) {
          end(RunResult::End::duration);
        }
      });
    }
    boost::asio::post(io_, [this] { pump(); });
    io_.run();
    collect_state();
    return std::move(result_);
  }

  void stop() noexcept { stop_requested_ = true; }

 private:
  // --- the transport's outcomes ---

  void on_answer(std::uint64_t call_id,
                 const wire::FromFunctionView& answer,
                 std::string_view bytes) override {
    guarded([&] { dispatcher_.on_answer(call_id, answer, bytes); });
  }

  void on_retry(std::uint64_t call_id, const std::string& why) override {
    ++result_.retries;
    dispatcher_.on_retry(call_id, why);
  }

  void on_failure(std::uint64_t call_id, const std::string& why) override {
    guarded([&] { dispatcher_.on_failure(call_id, why); });
  }

  // --- the loop ---

  /// Runs `step` (which may fail the job), then moves the run on.
  template <typename Step>
  void guarded(Step step) {
    if (ended_) {
      return;
    }
    try {
      step();
    } catch (const detail::JobFailure& failure) {
      fail(failure);
      return;
    }
    pump();
  }

  bool input_open() const {
    return !options_.max_messages || result_.ingress_messages < *options_.max_messages;
  }

  // --- the playground's HTTP ingress and egress ---

  void serve_playground_http() {
    using detail::LocalHttpServer;
    if (const Ingress* ingress = playground_ingress(module_)) {
      ingress_server_.emplace(
          io_,
          LocalHttpServer::Options{.host = options_.http.host,
                                   .port = chosen_port(options_.http.ingress_port, ingress->port)},
          [this](const detail::LocalRequest& request, LocalHttpServer::Reply reply) {
            on_ingress_request(request, std::move(reply));
          });
    }
    if (const Egress* egress = playground_egress(module_)) {
      egress_queues_.emplace(io_, egress->topics);
      egress_server_.emplace(
          io_,
          LocalHttpServer::Options{.host = options_.http.host,
                                   .port = chosen_port(options_.http.egress_port, egress->port)},
          [this](const detail::LocalRequest& request, const LocalHttpServer::Reply& reply) {
            egress_queues_->request(request.target, reply);
          });
    }
  }

  /// A request to the ingress: its message queued as input, answered once the pipeline has
  /// taken it (a client that sends faster than the pipeline runs waits).
  void on_ingress_request(const detail::LocalRequest& request,
                          detail::LocalHttpServer::Reply reply) {
    if (!input_open()) {
      reply({.status = 503, .body = "the run takes no more input (its --max-messages were sent)"});
      return;
    }
    auto read = read_playground_ingress(request.target, request.content_type, request.body);
    if (auto* rejection = std::get_if<IngressRejection>(&read)) {
      reply({.status = rejection->status, .body = std::move(rejection->reason)});
      return;
    }
    auto& message = std::get<IngressMessage>(read);
    if (module_.endpoint_for(message.target.type) == nullptr) {
      reply({.status = 404,
             .body = "no endpoint of the module serves " + message.target.type.str() +
                     " (a Flink job would fail on this message)"});
      return;
    }
    input_.push_back({std::move(message), std::move(reply)});
    pump();
  }

  void pump() {
    if (ended_) {
      return;
    }
    try {
      while (!later_.empty() && later_.begin()->first <= clock_.now()) {
        input_.push_back({std::move(later_.begin()->second), {}});
        later_.erase(later_.begin());
      }
      while (!input_.empty() && input_open() && dispatcher_.accepting_input()) {
        Input input = std::move(input_.front());
        input_.pop_front();
        ++result_.ingress_messages;
        dispatcher_.ingest(
            input.message.target, std::move(input.message.argument), input.message.source);
        if (input.taken) {
          input.taken({.status = 200, .body = {}});
        }
      }
      dispatcher_.take_calls(calls_);
      for (detail::Call& call : calls_) {
        if (ended_) {
          break;  // a call that failed at once (its host does not resolve) ended the run
        }
        client_.send(std::move(call));  // reports answers later, never from within send()
      }
      deliver_egress();
    } catch (const detail::JobFailure& failure) {
      fail(failure);
      return;
    }
    schedule();
  }

  /// Hands the egress records produced to the playground's queues, on_egress and the result.
  void deliver_egress() {
    dispatcher_.take_egress(records_);
    for (EgressRecord& record : records_) {
      count(record);
      if (egress_queues_ && record.kind == Egress::Kind::playground) {
        egress_queues_->push(record.topic, record.value);
      }
      if (options_.on_egress) {
        options_.on_egress(record);
      }
      if (options_.keep_egress) {
        result_.egress.push_back(std::move(record));
      }
    }
  }

  /// Counts `record` in its egress and topic.
  void count(const EgressRecord& record) {
    topic_key_.assign(record.egress.str()).append(1, '/').append(record.topic);
    const auto known = result_.egress_per_topic.find(topic_key_);
    if (known == result_.egress_per_topic.end()) {
      result_.egress_per_topic.emplace(topic_key_, 1);
    } else {
      ++known->second;
    }
  }

  /// What comes next once the calls are out: a delayed message, the end, or waiting.
  void schedule() {
    const bool idle =
        client_.in_flight() == 0 && !dispatcher_.busy() && (input_.empty() || !input_open());
    std::optional<Clock::time_point> due = dispatcher_.next_due();
    if (!later_.empty() && input_open() && (!due || later_.begin()->first < *due)) {
      due = later_.begin()->first;  // a message sent for later is due first
    }
    if (options_.time == RunOptions::Time::simulated) {
      if (idle && due) {
        simulated_.set(std::max(*due, simulated_.now()));
        boost::asio::post(io_, [this] { guarded([this] { dispatcher_.fire_due(); }); });
        return;
      }
    } else if (due) {
      delay_timer_.expires_at(*due);
      delay_timer_.async_wait([this](const boost::system::error_code& ec) {
        if (!ec) {
          guarded([this] { dispatcher_.fire_due(); });
        }
      });
    }
    if (idle && !due && options_.until_idle && (!ingress_server_ || !input_open())) {
      end(RunResult::End::idle);
    }
  }

  void watch_stop() {
    stop_timer_.expires_after(kStopCheck);
    stop_timer_.async_wait([this](const boost::system::error_code& ec) {
      if (ec) {
        return;
      }
      if (stop_requested_) {
        end(RunResult::End::interrupted);
        return;
      }
      watch_stop();
    });
  }

  void fail(const detail::JobFailure& failure) {
    result_.failure = failure.what();
    dispatcher_.for_each_instance([this](const detail::Dispatcher::FunctionType& type,
                                         const std::string& id,
                                         const detail::Dispatcher::Instance& instance) {
      if (instance.in_flight) {
        result_.in_flight.push_back(type.name.str() + '/' + id + ": " +
                                    std::to_string(instance.sent.size()) +
                                    " invocation(s) in flight, " +
                                    std::to_string(instance.backlog.size()) + " in its backlog");
      }
    });
    std::ranges::sort(result_.in_flight);
    end(RunResult::End::failed);
  }

  void end(RunResult::End how) {
    if (ended_) {
      return;
    }
    ended_ = true;
    result_.end = how;
    client_.stop();
    if (ingress_server_) {
      ingress_server_->stop();
    }
    if (egress_server_) {
      egress_server_->stop();
    }
    if (admin_server_) {
      admin_server_->stop();
    }
    io_.stop();
  }

  /// What the run holds for every address it has seen, now, in the order of their names.
  std::vector<AddressState> address_states() const {
    return address_states(false, std::numeric_limits<std::size_t>::max()).first;
  }

  /// What the run holds for the first `limit` addresses it has seen (only those that hold a
  /// value when `stateful`), now, in the order of their names; and how many there are in all.
  std::pair<std::vector<AddressState>, std::size_t> address_states(bool stateful,
                                                                   std::size_t limit) const {
    using detail::Dispatcher;
    std::vector<AddressState> states;
    const Clock::time_point now = clock_.now();
    const auto holds_a_value = [&](const Dispatcher::FunctionType& type,
                                   const Dispatcher::Instance& instance) {
      for (std::size_t i = 0; i < type.registry.specs().size(); ++i) {
        if (instance.values.peek(type.registry, i, now) != nullptr) {
          return true;
        }
      }
      return false;
    };
    const std::size_t all = dispatcher_.for_each_instance_in_order(
        [&](const Dispatcher::FunctionType& type, const Dispatcher::Instance& instance) {
          return !stateful || holds_a_value(type, instance);
        },
        limit,
        [&](const Dispatcher::FunctionType& type,
            const std::string& id,
            const Dispatcher::Instance& instance) {
          AddressState state{
              Address(type.name, id), {}, instance.backlog.size(), instance.in_flight.has_value()};
          const std::vector<detail::RegisteredState>& specs = type.registry.specs();
          for (std::size_t i = 0; i < specs.size(); ++i) {
            if (const auto* value = instance.values.peek(type.registry, i, now)) {
              state.values.emplace_back(specs[i].name,
                                        TypedValue{specs[i].type_name, true, value->bytes});
            }
          }
          states.push_back(std::move(state));
        });
    return {std::move(states), all};
  }

  void collect_state() {
    if (options_.state_limit) {
      auto [states, all] = address_states(true, *options_.state_limit);
      result_.state = std::move(states);
      result_.addresses_with_state = all;
    } else {
      result_.state = address_states();
      result_.addresses_with_state = static_cast<std::size_t>(std::ranges::count_if(
          result_.state, [](const AddressState& state) { return !state.values.empty(); }));
    }
    detail::Dispatcher::Counts counts = dispatcher_.counts();
    result_.requests = std::move(counts.requests);
    result_.messages = std::move(counts.messages);
    result_.pending_delayed = dispatcher_.delayed().size();
    result_.input_not_taken = input_.size() + later_.size();
    result_.egress_dropped = egress_queues_ ? egress_queues_->dropped() : 0;
  }

  /// A message waiting to be taken, and whom to tell when it is (an HTTP client), if anyone.
  struct Input {
    IngressMessage message;
    detail::LocalHttpServer::Reply taken;
  };

  Module module_;
  RunOptions options_;
  std::shared_ptr<Clock> steady_ = Clock::steady();
  ManualClock simulated_;
  const Clock& clock_;
  boost::asio::io_context io_;
  detail::Dispatcher dispatcher_;
  detail::FunctionClient client_;
  boost::asio::steady_timer delay_timer_;
  boost::asio::steady_timer stop_timer_;
  boost::asio::steady_timer duration_timer_;
  std::deque<Input> input_;
  std::vector<detail::Call> calls_;    // taken from the dispatcher, being sent
  std::vector<EgressRecord> records_;  // taken from the dispatcher, being delivered
  std::string topic_key_;              // "egress/topic" being counted
  std::multimap<Clock::time_point, IngressMessage> later_;  // sent with IngressMessage::at
  std::optional<detail::PlaygroundEgressQueues> egress_queues_;
  std::optional<detail::LocalHttpServer> ingress_server_;
  std::optional<detail::LocalHttpServer> egress_server_;
  std::optional<detail::LocalHttpServer> admin_server_;
  RunResult result_;
  std::atomic<bool> stop_requested_ = false;
  bool ended_ = false;
};

Runtime::Runtime(Module module, RunOptions options)
    : impl_(std::make_unique<Impl>(std::move(module), std::move(options))) {}

Runtime::~Runtime() = default;

void Runtime::send(IngressMessage message) {
  impl_->send(std::move(message));
}

RunResult Runtime::run() {
  return impl_->run();
}

void Runtime::stop() noexcept {
  impl_->stop();
}

std::optional<std::uint16_t> Runtime::ingress_port() const noexcept {
  return impl_->ingress_port();
}

std::optional<std::uint16_t> Runtime::egress_port() const noexcept {
  return impl_->egress_port();
}

std::optional<std::uint16_t> Runtime::admin_port() const noexcept {
  return impl_->admin_port();
}

}  // namespace statefun::runtime
