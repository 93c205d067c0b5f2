// The runtime's semantics: batching per address, state, the order effects are applied in,
// delayed messages, egress, and the failures that stop a Flink job.
#include "dispatcher.hpp"

#include <chrono>
#include <exception>
#include <utility>

#include <statefun/error.hpp>
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

TypedValue value_of(const wire::TypedValueView& value) {
  return {std::string(value.type_name), value.has_value, std::string(value.value)};
}

std::string joined(std::string_view ns, std::string_view name) {
  std::string text;
  text.reserve(ns.size() + 1 + name.size());
  return text.append(ns).append(1, '/').append(name);
}

/// The ToFunction of a batch, written straight from the dispatcher's records (no copy of its
/// values): the target, every registered spec's state, the invocations in order.
struct BatchRequest {
  const TypeName& type;
  const std::string& id;
  const std::vector<RegisteredState>& specs;
  const std::vector<const std::string*>& values;  ///< per spec: its bytes, or nullptr
  const std::vector<Dispatcher::Pending>& batch;

  wire::AddressView target() const { return {type.ns(), type.name(), id, true}; }

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
  if (traced(kind)) {
    TraceEvent event = make();
    event.id = id;
    event.kind = kind;
    event.time = clock_.now() - start_;
    observer_->on_event(event);
  }
  return id;
}

Dispatcher::FunctionType& Dispatcher::type_of(std::string_view ns,
                                              std::string_view name,
                                              std::string_view id,
                                              const InstanceEntry* sender) {
  key_.assign(ns).append(1, '/').append(name);
  if (const auto known = types_.find(std::string_view(key_)); known != types_.end()) {
    return known->second;
  }
  std::optional<TypeName> type;
  try {
    type.emplace(ns, name);
  } catch (const Error& e) {
    throw JobFailure(sender == nullptr ? std::nullopt : std::optional(address_of(*sender)),
                     "a message to " + joined(key_, id) + ", whose function type is not a " +
                         "typename: " + e.what());
  }
  const Endpoint* endpoint = module_.endpoint_for(*type);
  if (endpoint == nullptr) {
    throw JobFailure(Address(*type, std::string(id)),
                     "no endpoint serves the function type " + type->str() +
                         " (the runtime: \"Cannot find a provider\"); bind it in an "
                         "io.statefun.endpoints.v2/http document");
  }
  FunctionType& made = types_[type->str()];
  made.name = *type;
  made.endpoint = endpoint;
  made.url = endpoint->url_for(*type);
  return made;
}

const Egress* Dispatcher::egress_of(std::string_view ns, std::string_view name) {
  key_.assign(ns).append(1, '/').append(name);
  if (const auto known = egresses_.find(std::string_view(key_)); known != egresses_.end()) {
    return known->second;
  }
  const Egress* egress = nullptr;
  try {
    egress = module_.egress(TypeName(ns, name));
  } catch (const Error&) {
    return nullptr;  // not a typename: no egress has it
  }
  if (egress != nullptr) {
    egresses_.emplace(key_, egress);
  }
  return egress;
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
  FunctionType& type = type_of(target.type.ns(), target.type.name(), target.id, nullptr);
  ++type.messages;
  const std::uint64_t id = trace(TraceEvent::Kind::ingress, [&] {
    return TraceEvent{.to = target, .value = argument, .name = std::string(source)};
  });
  deliver(type, target.id, Pending{{std::nullopt, std::move(argument)}, id});
  return id;
}

void Dispatcher::deliver(FunctionType& type, std::string id, Pending pending) {
  if (first_call_) {  // the task waits for a first request: the message waits with it
    to_route_.push_back(Routed{&type, std::move(id), std::move(pending)});
    return;
  }
  InstanceEntry& entry = *type.instances.try_emplace(std::move(id), type).first;
  Instance& instance = entry.second;
  if (!instance.in_flight) {
    instance.sent.clear();
    instance.sent.push_back(std::move(pending));
    send(entry);
    return;
  }
  instance.backlog.push_back(std::move(pending));
  update_blocked(instance);
}

void Dispatcher::update_blocked(Instance& instance) {
  const int limit = instance.type->endpoint->max_num_batch_requests;
  const bool blocked = limit > 0 && instance.backlog.size() >= static_cast<std::size_t>(limit);
  if (blocked != instance.blocked) {
    instance.blocked = blocked;
    blocked ? ++blocked_ : --blocked_;
  }
}

void Dispatcher::send(InstanceEntry& entry) {
  Instance& instance = entry.second;
  FunctionType& type = *instance.type;
  instance.values.attach(type.registry, clock_.now(), attached_);
  std::string body;
  wire::append_to_function(
      body, BatchRequest{type.name, entry.first, type.registry.specs(), attached_, instance.sent});
  const bool first = !type.loaded;
  type.loaded = true;
  ++type.requests;
  const std::uint64_t id = trace(TraceEvent::Kind::request, [&] {
    TraceEvent event{.to = address_of(entry),
                     .count = static_cast<std::int64_t>(instance.sent.size())};
    for (const Pending& pending : instance.sent) {
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
  calls_.emplace(id, &entry);
  outbox_.push_back(Call{id, type.endpoint, type.url, std::move(body)});
}

void Dispatcher::on_answer(std::uint64_t call_id,
                           const wire::FromFunctionView& answer,
                           std::string_view bytes) {
  if (first_call_ && *first_call_ != call_id) {
    if (calls_.contains(call_id)) {
      waiting_answers_.emplace_back(call_id, std::string(bytes));
    }
    return;
  }
  this->answer(call_id, answer);
  while (!first_call_ && !waiting_answers_.empty()) {
    const auto [id, held] = std::move(waiting_answers_.front());
    waiting_answers_.pop_front();
    wire::FromFunctionView parsed;
    (void)wire::parse_from_function(held, parsed);  // it parsed when it came
    this->answer(id, parsed);
  }
}

void Dispatcher::on_answer(std::uint64_t call_id, const protocol::Response& response) {
  const std::string bytes = protocol::encode_response(response);
  wire::FromFunctionView answer;
  (void)wire::parse_from_function(bytes, answer);  // what encode_response writes parses
  on_answer(call_id, answer, bytes);
}

void Dispatcher::answer(std::uint64_t call_id, const wire::FromFunctionView& answer) {
  const auto call = calls_.find(call_id);
  if (call == calls_.end()) {
    return;  // not a call in flight (answered already)
  }
  if (first_call_ == call_id) {
    first_call_.reset();  // the runtime joined its first request: the task goes on
  }
  InstanceEntry& entry = *call->second;
  Instance& instance = entry.second;
  if (answer.kind == wire::FromFunctionView::Kind::incomplete_invocation_context) {
    register_missing(entry, answer, call_id);
    send(entry);  // the same invocations, the state attached anew
    route_sent();
    return;
  }
  const std::uint64_t response_id = trace(TraceEvent::Kind::response, [&] {
    return TraceEvent{
        .causes = {call_id},
        .to = address_of(entry),
        .count = static_cast<std::int64_t>(answer.messages.size() + answer.delayed.size() +
                                           answer.egress.size() + answer.mutations.size())};
  });
  apply(entry, answer, response_id);
  calls_.erase(call);
  --in_flight_;
  instance.in_flight.reset();
  instance.sent.clear();
  if (!instance.backlog.empty()) {
    instance.sent.swap(instance.backlog);
    update_blocked(instance);
    send(entry);
  }
  route_sent();
}

std::optional<Address> Dispatcher::address_of(std::uint64_t call_id) const {
  const auto call = calls_.find(call_id);
  return call == calls_.end() ? std::nullopt : std::optional<Address>(address_of(*call->second));
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

void Dispatcher::register_missing(const InstanceEntry& entry,
                                  const wire::FromFunctionView& answer,
                                  std::uint64_t call_id) {
  StateRegistry& registry = entry.second.type->registry;
  for (const wire::MissingValueView& missing : answer.missing_values) {
    if (!missing.type_name.empty()) {
      if (const auto why = invalid_type_name(missing.type_name)) {
        throw JobFailure(address_of(entry),
                         "the state '" + std::string(missing.name) + "' has the type " + *why);
      }
    }
    // The JS and Java SDKs may leave the expiration spec out: it reads as NONE, 0.
    const Expiration expiration{protocol::expiration_mode(missing.expiration.mode),
                                std::chrono::milliseconds(missing.expiration.expire_after_ms)};
    if (registry.register_state(missing.name, missing.type_name, expiration) ==
        StateRegistry::Outcome::type_mismatch) {
      throw JobFailure(address_of(entry),
                       "the state '" + std::string(missing.name) + "' is registered as " +
                           registry.find(missing.name)->type_name +
                           " and the function now declares it as " +
                           std::string(StateRegistry::effective_type(missing.type_name)) +
                           " (the runtime: RemoteFunctionStateException)");
    }
  }
  trace(TraceEvent::Kind::missing_state, [&] {
    TraceEvent event{.causes = {call_id},
                     .to = address_of(entry),
                     .count = static_cast<std::int64_t>(answer.missing_values.size())};
    for (const wire::MissingValueView& missing : answer.missing_values) {
      event.name.append(event.name.empty() ? "" : ",").append(missing.name);
    }
    return event;
  });
}

void Dispatcher::apply(InstanceEntry& entry,
                       const wire::FromFunctionView& answer,
                       std::uint64_t response_id) {
  for (const wire::OutgoingMessageView& message : answer.messages) {
    const wire::AddressView& to = message.target;
    FunctionType& target = type_of(to.ns, to.type, to.id, &entry);
    ++target.messages;
    const std::uint64_t id = trace(TraceEvent::Kind::message, [&] {
      return TraceEvent{.causes = {response_id},
                        .from = address_of(entry),
                        .to = Address(target.name, std::string(to.id)),
                        .value = value_of(message.argument)};
    });
    to_route_.push_back(Routed{
        &target, std::string(to.id), Pending{{address_of(entry), value_of(message.argument)}, id}});
  }
  for (const wire::DelayedInvocationView& delayed : answer.delayed) {
    apply_delayed(entry, delayed, response_id);
  }
  for (const wire::EgressMessageView& egress : answer.egress) {
    apply_egress(entry, egress, response_id);
  }
  apply_mutations(entry, answer.mutations, response_id);
}

void Dispatcher::apply_cancellation(const InstanceEntry& entry,
                                    std::string_view token,
                                    std::uint64_t response_id) {
  if (token.empty()) {
    throw JobFailure(address_of(entry),
                     "a cancellation without a token (the runtime: \"Can not handle a "
                     "cancellation request without a cancellation token.\")");
  }
  const std::optional<DelayedMessage> cancelled =
      delayed_.cancel(address_of(entry), std::string(token));
  trace(TraceEvent::Kind::cancelled, [&] {
    return TraceEvent{.causes = {response_id},
                      .from = address_of(entry),
                      .to = cancelled ? std::optional<Address>(cancelled->target) : std::nullopt,
                      .name = std::string(token),
                      .detail = cancelled ? "" : "no pending message has this token (a no-op)"};
  });
}

Address Dispatcher::delayed_target(const InstanceEntry& entry, const wire::AddressView& target) {
  try {
    return {TypeName(target.ns, target.type), std::string(target.id)};
  } catch (const Error& e) {
    throw JobFailure(address_of(entry),
                     "a delayed message to " + joined(joined(target.ns, target.type), target.id) +
                         ", whose function type is not a typename: " + e.what());
  }
}

void Dispatcher::apply_delayed(const InstanceEntry& entry,
                               const wire::DelayedInvocationView& delayed,
                               std::uint64_t response_id) {
  if (delayed.is_cancellation) {
    apply_cancellation(entry, delayed.cancellation_token, response_id);
    return;
  }
  if (delayed.delay_ms < 0) {
    throw JobFailure(
        address_of(entry),
        "a delayed message with the negative delay " + std::to_string(delayed.delay_ms) + " ms");
  }
  if (!delayed.target.present || !delayed.argument.present) {
    throw JobFailure(address_of(entry), "a delayed message without a target or an argument");
  }
  Address target = delayed_target(entry, delayed.target);
  const std::uint64_t id = trace(TraceEvent::Kind::delayed, [&] {
    return TraceEvent{.causes = {response_id},
                      .from = address_of(entry),
                      .to = target,
                      .value = value_of(delayed.argument),
                      .name = std::string(delayed.cancellation_token),
                      .count = delayed.delay_ms};
  });
  DelayedMessage message{address_of(entry),
                         std::move(target),
                         value_of(delayed.argument),
                         std::string(delayed.cancellation_token),
                         clock_.now() + std::chrono::milliseconds(delayed.delay_ms),
                         id};
  if (delayed_.add(std::move(message)) == DelayedMessages::Refusal::duplicate_token) {
    throw JobFailure(address_of(entry),
                     "a delayed message with the cancellation token '" +
                         std::string(delayed.cancellation_token) +
                         "', which a pending message of this address already has");
  }
}

void Dispatcher::apply_egress(const InstanceEntry& entry,
                              const wire::EgressMessageView& egress,
                              std::uint64_t response_id) {
  const Egress* target = egress_of(egress.egress_namespace, egress.egress_type);
  if (target == nullptr) {
    throw JobFailure(address_of(entry),
                     "the egress " + joined(egress.egress_namespace, egress.egress_type) +
                         " is not declared in the module (declare it with an egress "
                         "kind, e.g. io.statefun.playground.v1/egress)");
  }
  EgressRecord record;
  try {
    record = read_egress(*target, value_of(egress.argument));
  } catch (const std::invalid_argument& e) {
    throw JobFailure(address_of(entry),
                     "the egress " + target->id.str() + " refused a record: " + e.what());
  }
  trace(TraceEvent::Kind::egress, [&] {
    return TraceEvent{.causes = {response_id},
                      .from = address_of(entry),
                      .value = record.argument,
                      .name = target->id.str(),
                      .detail = record.topic};
  });
  egress_out_.push_back(std::move(record));
}

void Dispatcher::apply_mutations(InstanceEntry& entry,
                                 const std::vector<wire::MutationView>& mutations,
                                 std::uint64_t response_id) {
  const StateRegistry& registry = entry.second.type->registry;
  StoredValues& values = entry.second.values;
  for (const wire::MutationView& mutation : mutations) {
    const std::optional<std::size_t> index = registry.index_of(mutation.name);
    if (!index) {
      throw JobFailure(address_of(entry),
                       "Accessing a non-existing function state: " + std::string(mutation.name) +
                           " (the function changed a state it did not declare)");
    }
    const RegisteredState& spec = registry.specs()[*index];
    if (mutation.mutation_type != wire::kModify) {
      values.remove(*index);
      trace(TraceEvent::Kind::state, [&] {
        return TraceEvent{
            .causes = {response_id}, .to = address_of(entry), .name = std::string(mutation.name)};
      });
      continue;
    }
    const std::string_view type = StateRegistry::effective_type(
        mutation.value.present ? mutation.value.type_name : std::string_view());
    if (type != spec.type_name) {
      throw JobFailure(address_of(entry),
                       "the state '" + spec.name + "' is registered as " + spec.type_name +
                           " and the function wrote a " + std::string(type) +
                           " (the runtime: RemoteFunctionStateException)");
    }
    const std::string_view bytes = mutation.value.present ? mutation.value.value : "";
    trace(TraceEvent::Kind::state, [&] {
      return TraceEvent{.causes = {response_id},
                        .to = address_of(entry),
                        .value = TypedValue{spec.type_name, true, std::string(bytes)},
                        .name = spec.name};
    });
    values.modify(*index, bytes, clock_.now());
  }
}

void Dispatcher::route_sent() {
  while (!first_call_ && !to_route_.empty()) {
    Routed routed = std::move(to_route_.front());
    to_route_.pop_front();
    deliver(*routed.type, std::move(routed.id), std::move(routed.pending));
  }
}

void Dispatcher::fire_due() {
  for (DelayedMessage& message : delayed_.take_due(clock_.now())) {
    const Address& to = message.target;
    FunctionType& type = type_of(to.type.ns(), to.type.name(), to.id, nullptr);
    ++type.messages;
    const std::uint64_t id = trace(TraceEvent::Kind::fired, [&] {
      return TraceEvent{.causes = {message.id},
                        .from = message.sender,
                        .to = message.target,
                        .value = message.argument,
                        .name = message.cancellation_token};
    });
    to_route_.push_back(
        Routed{&type, to.id, Pending{{message.sender, std::move(message.argument)}, id}});
  }
  route_sent();
}

void Dispatcher::take_calls(std::vector<Call>& out) {
  out.clear();
  out.swap(outbox_);
}

void Dispatcher::take_egress(std::vector<EgressRecord>& out) {
  out.clear();
  out.swap(egress_out_);
}

}  // namespace statefun::runtime::detail
