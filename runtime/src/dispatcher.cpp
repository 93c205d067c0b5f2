// The runtime's semantics: batching per address, state, the order effects are applied in,
// delayed messages, egress, and the failures that stop a Flink job.
#include "dispatcher.hpp"

#include <chrono>
#include <exception>
#include <functional>
#include <utility>

#include <statefun/wire/to_function.hpp>

#include "egress_reader.hpp"
#include "flink_type_name.hpp"

namespace statefun::runtime::detail {

namespace {

/// The TypeName of a state typename as the runtime parses it (exactly two parts), or why not.
std::optional<std::string> invalid_type_name(std::string_view name) {
  if (!is_flink_type_name(name)) {
    return "'" + std::string(name) + "' is not a typename (namespace/name, exactly one '/')";
  }
  return std::nullopt;
}

/// The ToFunction of a batch, written straight from the dispatcher's records (no copy of its
/// values): the target, every registered spec's state, the invocations in order.
struct BatchRequest {
  const Address& address;
  const std::vector<RegisteredState>& specs;
  const std::vector<const std::string*>& values;  ///< per spec: its bytes, or nullptr
  const std::vector<Dispatcher::Pending>& batch;

  wire::AddressView target() const {
    return {address.type.ns(), address.type.name(), address.id, true};
  }

  template <typename F>
  void for_each_state(F f) const {
    for (std::size_t i = 0; i < specs.size(); ++i) {
      f(wire::StateView{specs[i].name,
                        values[i] == nullptr
                            ? wire::TypedValueView{}
                            : wire::TypedValueView{specs[i].type_name, true, *values[i], true}});
    }
  }

  template <typename F>
  void for_each_invocation(F f) const {
    for (const Dispatcher::Pending& pending : batch) {
      const protocol::Invocation& invocation = pending.invocation;
      wire::AddressView caller;
      if (invocation.caller) {
        caller = {invocation.caller->type.ns(),
                  invocation.caller->type.name(),
                  invocation.caller->id,
                  true};
      }
      const TypedValue& argument = invocation.argument;
      f(wire::InvocationView{caller,
                             {argument.type_name, argument.has_value, argument.value, true}});
    }
  }
};

}  // namespace

std::size_t AddressHash::operator()(const Address& address) const noexcept {
  const std::hash<std::string_view> hash;
  const std::size_t type = hash(address.type.str());
  return type ^ (hash(address.id) + 0x9e3779b97f4a7c15U + (type << 6U) + (type >> 2U));
}

JobFailure::JobFailure(std::optional<Address> address, const std::string& reason)
    : std::runtime_error(address ? address->str() + ": " + reason : reason),
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

template <typename Make>
std::uint64_t Dispatcher::trace(TraceEvent::Kind kind, Make make) {
  const std::uint64_t id = next_id_++;
  if (observer_ != nullptr && observer_->wants(kind)) {
    TraceEvent event = make();
    event.id = id;
    event.kind = kind;
    event.time = clock_.now() - start_;
    observer_->on_event(event);
  }
  return id;
}

Dispatcher::FunctionType& Dispatcher::type_of(const Address& address) {
  if (const auto known = types_.find(address.type.str()); known != types_.end()) {
    return known->second;
  }
  const Endpoint* endpoint = module_.endpoint_for(address.type);
  if (endpoint == nullptr) {
    throw JobFailure(address,
                     "no endpoint serves the function type " + address.type.str() +
                         " (the runtime: \"Cannot find a provider\"); bind it in an "
                         "io.statefun.endpoints.v2/http document");
  }
  FunctionType type;
  type.endpoint = endpoint;
  type.url = endpoint->url_for(address.type);
  return types_.emplace(address.type.str(), std::move(type)).first->second;
}

Dispatcher::InstanceEntry& Dispatcher::instance(const Address& address) {
  return *instances_.try_emplace(address).first;
}

const StateRegistry* Dispatcher::registry(const TypeName& type) const {
  const auto it = types_.find(type.str());
  return it == types_.end() ? nullptr : &it->second.registry;
}

Dispatcher::Counts Dispatcher::counts() const {
  Counts counts;
  for (const auto& [name, type] : types_) {
    if (type.requests > 0) {
      counts.requests[name] = type.requests;
    }
    if (type.messages > 0) {
      counts.messages[name] = type.messages;
    }
  }
  return counts;
}

std::uint64_t Dispatcher::ingest(const Address& target,
                                 TypedValue argument,
                                 std::string_view source) {
  ++type_of(target).messages;
  const std::uint64_t id = trace(TraceEvent::Kind::ingress, [&] {
    return TraceEvent{.to = target, .value = argument, .name = std::string(source)};
  });
  deliver(target, Pending{{std::nullopt, std::move(argument)}, id});
  return id;
}

void Dispatcher::deliver(const Address& target, Pending pending) {
  FunctionType& type = type_of(target);
  if (first_call_) {  // the task waits for a first request: the message waits with it
    to_route_.emplace_back(target, std::move(pending));
    return;
  }
  InstanceEntry& entry = instance(target);
  if (!entry.second.in_flight) {
    std::vector<Pending> batch;
    batch.push_back(std::move(pending));
    send(entry, type, std::move(batch));
    return;
  }
  entry.second.backlog.push_back(std::move(pending));
  update_blocked(entry.second, type);
}

void Dispatcher::update_blocked(Instance& instance, const FunctionType& type) {
  const int limit = type.endpoint->max_num_batch_requests;
  const bool blocked = limit > 0 && instance.backlog.size() >= static_cast<std::size_t>(limit);
  if (blocked != instance.blocked) {
    instance.blocked = blocked;
    blocked ? ++blocked_ : --blocked_;
  }
}

void Dispatcher::send(InstanceEntry& entry, FunctionType& type, std::vector<Pending> batch) {
  const Address& address = entry.first;
  Instance& instance = entry.second;
  const std::vector<const std::string*> values =
      instance.values.attach(type.registry, clock_.now());
  std::string body;
  wire::append_to_function(body, BatchRequest{address, type.registry.specs(), values, batch});
  const bool first = !type.loaded;
  type.loaded = true;
  ++type.requests;
  const std::uint64_t id = trace(TraceEvent::Kind::request, [&] {
    TraceEvent event{.to = address, .count = static_cast<std::int64_t>(batch.size())};
    for (const Pending& pending : batch) {
      event.causes.push_back(pending.message_id);
    }
    for (const RegisteredState& spec : type.registry.specs()) {
      event.name += (event.name.empty() ? "" : ",") + spec.name;
    }
    if (first) {
      event.detail = "the type's first request: the runtime waits for its answer";
    }
    return event;
  });
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
  calls_.emplace(id, &entry);
  outbox_.push_back(Call{id, address, type.endpoint, type.url, std::move(body)});
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
  InstanceEntry& entry = *call->second;
  const Address& address = entry.first;
  Instance& inst = entry.second;
  FunctionType& type = type_of(address);
  if (response.asks_for_state()) {
    register_missing(address, type.registry, response, call_id);
    std::vector<Pending> again = std::move(inst.sent);
    send(entry, type, std::move(again));  // the same invocations, the state attached anew
    route_sent();
    return;
  }
  const std::uint64_t response_id = trace(TraceEvent::Kind::response, [&] {
    return TraceEvent{
        .causes = {call_id},
        .to = address,
        .count = static_cast<std::int64_t>(response.messages.size() + response.delayed.size() +
                                           response.egress.size() + response.mutations.size())};
  });
  apply(entry, type, response, response_id);
  calls_.erase(call);
  --in_flight_;
  inst.in_flight.reset();
  if (inst.backlog.empty()) {
    inst.sent.clear();
  } else {
    std::vector<Pending> next = std::move(inst.backlog);
    inst.backlog.clear();
    update_blocked(inst, type);
    send(entry, type, std::move(next));
  }
  route_sent();
}

std::optional<Address> Dispatcher::address_of(std::uint64_t call_id) const {
  const auto call = calls_.find(call_id);
  return call == calls_.end() ? std::nullopt : std::optional<Address>(call->second->first);
}

void Dispatcher::on_failure(std::uint64_t call_id, const std::string& why) {
  const std::optional<Address> address = address_of(call_id);
  trace(TraceEvent::Kind::failure,
        [&] { return TraceEvent{.causes = {call_id}, .to = address, .detail = why}; });
  throw JobFailure(address, "Failure forwarding a message to a remote function: " + why);
}

void Dispatcher::on_retry(std::uint64_t call_id, const std::string& why) {
  trace(TraceEvent::Kind::retry,
        [&] { return TraceEvent{.causes = {call_id}, .to = address_of(call_id), .detail = why}; });
}

void Dispatcher::register_missing(const Address& address,
                                  StateRegistry& registry,
                                  const protocol::Response& response,
                                  std::uint64_t call_id) {
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
  }
  trace(TraceEvent::Kind::missing_state, [&] {
    TraceEvent event{.causes = {call_id},
                     .to = address,
                     .count = static_cast<std::int64_t>(response.missing_values.size())};
    for (const protocol::MissingValue& missing : response.missing_values) {
      event.name += (event.name.empty() ? "" : ",") + missing.name;
    }
    return event;
  });
}

void Dispatcher::apply(InstanceEntry& entry,
                       FunctionType& type,
                       const protocol::Response& response,
                       std::uint64_t response_id) {
  const Address& address = entry.first;
  for (const protocol::SentMessage& message : response.messages) {
    ++type_of(message.target).messages;
    const std::uint64_t id = trace(TraceEvent::Kind::message, [&] {
      return TraceEvent{.causes = {response_id},
                        .from = address,
                        .to = message.target,
                        .value = message.argument};
    });
    to_route_.emplace_back(message.target, Pending{{address, message.argument}, id});
  }
  for (const protocol::SentDelayedMessage& delayed : response.delayed) {
    apply_delayed(address, delayed, response_id);
  }
  for (const protocol::SentEgress& egress : response.egress) {
    apply_egress(address, egress, response_id);
  }
  apply_mutations(entry, type.registry, response.mutations, response_id);
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
  trace(TraceEvent::Kind::cancelled, [&] {
    return TraceEvent{.causes = {response_id},
                      .from = address,
                      .to = cancelled ? std::optional<Address>(cancelled->target) : std::nullopt,
                      .name = token,
                      .detail = cancelled ? "" : "no pending message has this token (a no-op)"};
  });
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
  const std::uint64_t id = trace(TraceEvent::Kind::delayed, [&] {
    return TraceEvent{.causes = {response_id},
                      .from = address,
                      .to = delayed.target,
                      .value = delayed.argument,
                      .name = delayed.cancellation_token,
                      .count = delayed.delay_ms};
  });
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
  trace(TraceEvent::Kind::egress, [&] {
    return TraceEvent{.causes = {response_id},
                      .from = address,
                      .value = egress.argument,
                      .name = egress.egress,
                      .detail = record.topic};
  });
  egress_out_.push_back(std::move(record));
}

void Dispatcher::apply_mutations(InstanceEntry& entry,
                                 const StateRegistry& registry,
                                 const std::vector<protocol::StateMutation>& mutations,
                                 std::uint64_t response_id) {
  const Address& address = entry.first;
  StoredValues& values = entry.second.values;
  for (const protocol::StateMutation& mutation : mutations) {
    const RegisteredState* spec = registry.find(mutation.name);
    if (spec == nullptr) {
      throw JobFailure(address,
                       "Accessing a non-existing function state: " + mutation.name +
                           " (the function changed a state it did not declare)");
    }
    if (mutation.kind == protocol::StateMutation::Kind::remove) {
      values.remove(mutation.name);
      trace(TraceEvent::Kind::state, [&] {
        return TraceEvent{.causes = {response_id}, .to = address, .name = mutation.name};
      });
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
    trace(TraceEvent::Kind::state, [&] {
      return TraceEvent{.causes = {response_id},
                        .to = address,
                        .value = TypedValue{spec->type_name, true, bytes},
                        .name = mutation.name};
    });
    values.modify(mutation.name, std::move(bytes), clock_.now());
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
    ++type_of(message.target).messages;
    const std::uint64_t id = trace(TraceEvent::Kind::fired, [&] {
      return TraceEvent{.causes = {message.id},
                        .from = message.sender,
                        .to = message.target,
                        .value = message.argument,
                        .name = message.cancellation_token};
    });
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
