// The runtime's semantics: batching per address, state, the order effects are applied in,
// delayed messages, egress, and the failures that stop a Flink job.
#include "dispatcher.hpp"

#include <chrono>
#include <exception>
#include <utility>

#include "egress_reader.hpp"
#include "flink_type_name.hpp"

namespace statefun::runtime::detail {

namespace {

std::string describe(const Address& address) {
  return address.str();
}

/// The TypeName of a state typename as the runtime parses it (exactly two parts), or why not.
std::optional<std::string> invalid_type_name(std::string_view name) {
  if (!is_flink_type_name(name)) {
    return "'" + std::string(name) + "' is not a typename (namespace/name, exactly one '/')";
  }
  return std::nullopt;
}

}  // namespace

JobFailure::JobFailure(std::optional<Address> address, const std::string& reason)
    : std::runtime_error(address ? describe(*address) + ": " + reason : reason),
      address_(std::move(address)) {}

Dispatcher::Dispatcher(const Module& module,
                       const Clock& clock,
                       TraceObserver* observer,
                       std::size_t max_in_flight)
    : module_(module),
      clock_(clock),
      observer_(observer),
      start_(clock.now()),
      max_in_flight_(max_in_flight) {}

std::uint64_t Dispatcher::trace(TraceEvent event) {
  event.id = next_id_++;
  event.time = clock_.now() - start_;
  if (observer_ != nullptr) {
    observer_->on_event(event);
  }
  return event.id;
}

Dispatcher::Instance& Dispatcher::instance(const Address& address) {
  return instances_[address.str()];
}

StateRegistry& Dispatcher::registry_of(const TypeName& type) {
  return registries_[type.str()];
}

const StateRegistry* Dispatcher::registry(const TypeName& type) const {
  const auto it = registries_.find(type.str());
  return it == registries_.end() ? nullptr : &it->second;
}

const Endpoint& Dispatcher::endpoint_of(const Address& address) const {
  const Endpoint* endpoint = module_.endpoint_for(address.type);
  if (endpoint == nullptr) {
    throw JobFailure(address,
                     "no endpoint serves the function type " + address.type.str() +
                         " (the runtime: \"Cannot find a provider\"); bind it in an "
                         "io.statefun.endpoints.v2/http document");
  }
  return *endpoint;
}

std::uint64_t Dispatcher::ingest(const Address& target,
                                 TypedValue argument,
                                 std::string_view source) {
  (void)endpoint_of(target);
  TraceEvent event{.kind = TraceEvent::Kind::ingress,
                   .to = target,
                   .value = argument,
                   .name = std::string(source)};
  const std::uint64_t id = trace(std::move(event));
  deliver(target, Pending{{std::nullopt, std::move(argument)}, id});
  return id;
}

void Dispatcher::deliver(const Address& target, Pending pending) {
  (void)endpoint_of(target);
  if (first_call_) {  // the task waits for a first request: the message waits with it
    to_route_.emplace_back(target, std::move(pending));
    return;
  }
  Instance& inst = instance(target);
  if (!inst.in_flight) {
    std::vector<Pending> batch;
    batch.push_back(std::move(pending));
    send(target, inst, std::move(batch));
    return;
  }
  inst.backlog.push_back(std::move(pending));
  update_blocked(target, inst);
}

void Dispatcher::update_blocked(const Address& address, const Instance& instance) {
  const int limit = endpoint_of(address).max_num_batch_requests;
  if (limit > 0 && instance.backlog.size() >= static_cast<std::size_t>(limit)) {
    blocked_[address.str()] = instance.backlog.size();
  } else {
    blocked_.erase(address.str());
  }
}

void Dispatcher::send(const Address& address, Instance& instance, std::vector<Pending> batch) {
  const Endpoint& endpoint = endpoint_of(address);
  protocol::Request request{address, {}, {}};
  request.state = instance.values.attach(registry_of(address.type), clock_.now());
  request.invocations.reserve(batch.size());
  TraceEvent event{.kind = TraceEvent::Kind::request,
                   .to = address,
                   .count = static_cast<std::int64_t>(batch.size())};
  for (const Pending& pending : batch) {
    request.invocations.push_back(pending.invocation);
    event.causes.push_back(pending.message_id);
  }
  for (const protocol::StateEntry& entry : request.state) {
    event.name += (event.name.empty() ? "" : ",") + entry.name;
  }
  const bool first = loaded_types_.insert(address.type.str()).second;
  if (first) {
    event.detail = "the type's first request: the runtime waits for its answer";
  }
  const std::uint64_t id = trace(std::move(event));
  if (first) {
    first_call_ = id;
  }
  if (!instance.in_flight) {
    ++in_flight_;
  } else {
    calls_.erase(*instance.in_flight);
  }
  instance.in_flight = id;
  instance.sent = std::move(batch);
  calls_.emplace(id, address);
  outbox_.push_back(Call{
      id, address, &endpoint, endpoint.url_for(address.type), protocol::encode_request(request)});
}

void Dispatcher::on_answer(std::uint64_t call_id, const protocol::Response& response) {
  if (first_call_ && *first_call_ != call_id) {
    if (calls_.contains(call_id)) {
      waiting_answers_.emplace_back(call_id, response);
    }
    return;
  }
  answer(call_id, response);
  while (!first_call_ && !waiting_answers_.empty()) {
    auto [id, waiting] = std::move(waiting_answers_.front());
    waiting_answers_.pop_front();
    answer(id, waiting);
  }
}

void Dispatcher::answer(std::uint64_t call_id, const protocol::Response& response) {
  const auto call = calls_.find(call_id);
  if (call == calls_.end()) {
    return;  // not a call in flight (answered already)
  }
  if (first_call_ == call_id) {
    first_call_.reset();  // the runtime joined its first request: the task goes on
  }
  const Address address = call->second;
  Instance& inst = instance(address);
  if (response.asks_for_state()) {
    register_missing(address, response, call_id);
    std::vector<Pending> again = std::move(inst.sent);
    send(address, inst, std::move(again));  // the same invocations, the state attached anew
    route_sent();
    return;
  }
  TraceEvent event{
      .kind = TraceEvent::Kind::response,
      .causes = {call_id},
      .to = address,
      .count = static_cast<std::int64_t>(response.messages.size() + response.delayed.size() +
                                         response.egress.size() + response.mutations.size())};
  const std::uint64_t response_id = trace(std::move(event));
  apply(address, inst, response, response_id);
  calls_.erase(call);
  if (inst.backlog.empty()) {
    inst.in_flight.reset();
    inst.sent.clear();
    --in_flight_;
  } else {
    std::vector<Pending> next = std::move(inst.backlog);
    inst.backlog.clear();
    blocked_.erase(address.str());
    --in_flight_;
    inst.in_flight.reset();
    send(address, inst, std::move(next));
  }
  route_sent();
}

std::optional<Address> Dispatcher::address_of(std::uint64_t call_id) const {
  const auto call = calls_.find(call_id);
  return call == calls_.end() ? std::nullopt : std::optional<Address>(call->second);
}

void Dispatcher::on_failure(std::uint64_t call_id, const std::string& why) {
  const std::optional<Address> address = address_of(call_id);
  trace({.kind = TraceEvent::Kind::failure, .causes = {call_id}, .to = address, .detail = why});
  throw JobFailure(address, "Failure forwarding a message to a remote function: " + why);
}

void Dispatcher::on_retry(std::uint64_t call_id, const std::string& why) {
  const std::optional<Address> address = address_of(call_id);
  trace({.kind = TraceEvent::Kind::retry, .causes = {call_id}, .to = address, .detail = why});
}

void Dispatcher::register_missing(const Address& address,
                                  const protocol::Response& response,
                                  std::uint64_t call_id) {
  StateRegistry& registry = registry_of(address.type);
  std::string names;
  for (const protocol::MissingValue& missing : response.missing_values) {
    if (!missing.type_name.empty()) {
      if (const auto why = invalid_type_name(missing.type_name)) {
        throw JobFailure(address, "the state '" + missing.name + "' has the type " + *why);
      }
    }
    const Expiration expiration{missing.expiration_mode,
                                std::chrono::milliseconds(missing.expire_after_ms)};
    if (registry.register_state(missing.name, missing.type_name, expiration) ==
        StateRegistry::Outcome::type_mismatch) {
      throw JobFailure(address,
                       "the state '" + missing.name + "' is registered as " +
                           registry.find(missing.name)->type_name +
                           " and the function now declares it as " +
                           std::string(StateRegistry::effective_type(missing.type_name)) +
                           " (the runtime: RemoteFunctionStateException)");
    }
    names += (names.empty() ? "" : ",") + missing.name;
  }
  trace({.kind = TraceEvent::Kind::missing_state,
         .causes = {call_id},
         .to = address,
         .name = names,
         .count = static_cast<std::int64_t>(response.missing_values.size())});
}

void Dispatcher::apply(const Address& address,
                       Instance& instance,
                       const protocol::Response& response,
                       std::uint64_t response_id) {
  for (const protocol::SentMessage& message : response.messages) {
    const std::uint64_t id = trace({.kind = TraceEvent::Kind::message,
                                    .causes = {response_id},
                                    .from = address,
                                    .to = message.target,
                                    .value = message.argument});
    to_route_.emplace_back(message.target, Pending{{address, message.argument}, id});
  }
  for (const protocol::SentDelayedMessage& delayed : response.delayed) {
    apply_delayed(address, delayed, response_id);
  }
  for (const protocol::SentEgress& egress : response.egress) {
    apply_egress(address, egress, response_id);
  }
  apply_mutations(address, instance, response.mutations, response_id);
}

void Dispatcher::apply_cancellation(const Address& address,
                                    const std::string& token,
                                    std::uint64_t response_id) {
  if (token.empty()) {
    throw JobFailure(address,
                     "a cancellation without a token (the runtime: \"Can not handle a "
                     "cancellation request without a cancellation token.\")");
  }
  const std::optional<DelayedMessage> cancelled = delayed_.cancel(address, token);
  trace({.kind = TraceEvent::Kind::cancelled,
         .causes = {response_id},
         .from = address,
         .to = cancelled ? std::optional<Address>(cancelled->target) : std::nullopt,
         .name = token,
         .detail = cancelled ? "" : "no pending message has this token (a no-op)"});
}

void Dispatcher::apply_delayed(const Address& address,
                               const protocol::SentDelayedMessage& delayed,
                               std::uint64_t response_id) {
  if (delayed.is_cancellation) {
    apply_cancellation(address, delayed.cancellation_token, response_id);
    return;
  }
  if (delayed.delay_ms < 0) {
    throw JobFailure(
        address,
        "a delayed message with the negative delay " + std::to_string(delayed.delay_ms) + " ms");
  }
  if (!delayed.target || !delayed.argument) {
    throw JobFailure(address, "a delayed message without a target or an argument");
  }
  const std::uint64_t id = trace({.kind = TraceEvent::Kind::delayed,
                                  .causes = {response_id},
                                  .from = address,
                                  .to = delayed.target,
                                  .value = delayed.argument,
                                  .name = delayed.cancellation_token,
                                  .count = delayed.delay_ms});
  DelayedMessage message{address,
                         *delayed.target,
                         *delayed.argument,
                         delayed.cancellation_token,
                         clock_.now() + std::chrono::milliseconds(delayed.delay_ms),
                         id};
  if (delayed_.add(std::move(message)) == DelayedMessages::Refusal::duplicate_token) {
    throw JobFailure(address,
                     "a delayed message with the cancellation token '" +
                         delayed.cancellation_token +
                         "', which a pending message of this address already has");
  }
}

void Dispatcher::apply_egress(const Address& address,
                              const protocol::SentEgress& egress,
                              std::uint64_t response_id) {
  std::optional<TypeName> id;
  try {
    id = TypeName(egress.egress);
  } catch (const std::exception&) {
  }
  const Egress* target = id ? module_.egress(*id) : nullptr;
  if (target == nullptr) {
    throw JobFailure(address,
                     "the egress " + egress.egress +
                         " is not declared in the module (declare it with an egress "
                         "kind, e.g. io.statefun.playground.v1/egress)");
  }
  EgressRecord record;
  try {
    record = read_egress(*target, egress.argument);
  } catch (const std::invalid_argument& e) {
    throw JobFailure(address, "the egress " + egress.egress + " refused a record: " + e.what());
  }
  trace({.kind = TraceEvent::Kind::egress,
         .causes = {response_id},
         .from = address,
         .value = egress.argument,
         .name = egress.egress,
         .detail = record.topic});
  egress_out_.push_back(std::move(record));
}

void Dispatcher::apply_mutations(const Address& address,
                                 Instance& instance,
                                 const std::vector<protocol::StateMutation>& mutations,
                                 std::uint64_t response_id) {
  const StateRegistry& registry = registry_of(address.type);
  for (const protocol::StateMutation& mutation : mutations) {
    const RegisteredState* spec = registry.find(mutation.name);
    if (spec == nullptr) {
      throw JobFailure(address,
                       "Accessing a non-existing function state: " + mutation.name +
                           " (the function changed a state it did not declare)");
    }
    if (mutation.kind == protocol::StateMutation::Kind::remove) {
      instance.values.remove(mutation.name);
      trace({.kind = TraceEvent::Kind::state,
             .causes = {response_id},
             .to = address,
             .name = mutation.name});
      continue;
    }
    const std::string_view type = StateRegistry::effective_type(
        mutation.value ? std::string_view(mutation.value->type_name) : std::string_view());
    if (type != spec->type_name) {
      throw JobFailure(address,
                       "the state '" + mutation.name + "' is registered as " + spec->type_name +
                           " and the function wrote a " + std::string(type) +
                           " (the runtime: RemoteFunctionStateException)");
    }
    std::string bytes = mutation.value ? mutation.value->value : std::string();
    trace({.kind = TraceEvent::Kind::state,
           .causes = {response_id},
           .to = address,
           .value = TypedValue{spec->type_name, true, bytes},
           .name = mutation.name});
    instance.values.modify(mutation.name, std::move(bytes), clock_.now());
  }
}

void Dispatcher::route_sent() {
  while (!first_call_ && !to_route_.empty()) {
    auto [target, pending] = std::move(to_route_.front());
    to_route_.pop_front();
    deliver(target, std::move(pending));
  }
}

void Dispatcher::fire_due() {
  for (DelayedMessage& message : delayed_.take_due(clock_.now())) {
    const std::uint64_t id = trace({.kind = TraceEvent::Kind::fired,
                                    .causes = {message.id},
                                    .from = message.sender,
                                    .to = message.target,
                                    .value = message.argument,
                                    .name = message.cancellation_token});
    to_route_.emplace_back(message.target,
                           Pending{{message.sender, std::move(message.argument)}, id});
  }
  route_sent();
}

std::vector<Call> Dispatcher::take_calls() {
  std::vector<Call> calls;
  calls.swap(outbox_);
  return calls;
}

std::vector<EgressRecord> Dispatcher::take_egress() {
  std::vector<EgressRecord> records;
  records.swap(egress_out_);
  return records;
}

}  // namespace statefun::runtime::detail
