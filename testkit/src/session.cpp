#include <statefun/error.hpp>
#include <statefun/testkit/session.hpp>

namespace statefun::testkit {

namespace {

[[noreturn]] void runtime_failure(const Address& target, const std::string& what) {
  throw Error(errc::invalid_value, "the runtime would fail the job: " + target.str() + " " + what);
}

}  // namespace

protocol::Response Session::send(const Address& target,
                                 const std::vector<protocol::Invocation>& invocations) {
  while (true) {
    ++requests_sent_;
    protocol::Response response =
        client_.call(protocol::Request{target, state_for(target), invocations});
    if (!response.asks_for_state()) {
      apply_mutations(target, response);
      return response;
    }
    register_missing(target, response);  // throws unless it learned something new
  }
}

void Session::register_missing(const Address& target, const protocol::Response& response) {
  auto& registered = registered_[target.type.str()];
  bool learned = false;
  for (const auto& missing : response.missing_values) {
    // The runtime records an empty typename as io.statefun.types/unset.
    const std::string type =
        missing.type_name.empty() ? "io.statefun.types/unset" : missing.type_name;
    const auto [it, inserted] = registered.emplace(missing.name, type);
    if (!inserted && it->second != type) {
      runtime_failure(target,
                      "re-declared state '" + missing.name + "' as " + type +
                          " after declaring it as " + it->second);
    }
    learned = learned || inserted;
  }
  if (!learned) {
    runtime_failure(target, "asked again for state it was sent (an endless missing-state loop)");
  }
}

void Session::apply_mutations(const Address& target, const protocol::Response& response) {
  const auto& registered = registered_[target.type.str()];
  auto& values = values_[target.str()];
  for (const auto& mutation : response.mutations) {
    const auto spec = registered.find(mutation.name);
    if (spec == registered.end()) {
      runtime_failure(target, "changed state '" + mutation.name + "' that it never declared");
    }
    if (mutation.kind == protocol::StateMutation::Kind::remove) {
      values.erase(mutation.name);
      continue;
    }
    if (!mutation.value || mutation.value->type_name != spec->second) {
      runtime_failure(target,
                      "wrote state '" + mutation.name + "' with typename '" +
                          (mutation.value ? mutation.value->type_name : "") +
                          "', but it is declared as " + spec->second);
    }
    // The runtime stores the bytes as they are and ignores has_value.
    values[mutation.name] = TypedValue{spec->second, true, mutation.value->value};
  }
}

std::optional<TypedValue> Session::value(const Address& address, const std::string& name) const {
  const auto values = values_.find(address.str());
  if (values == values_.end()) {
    return std::nullopt;
  }
  const auto found = values->second.find(name);
  return found == values->second.end() ? std::nullopt : std::optional(found->second);
}

void Session::set_value(const Address& address,
                        const std::string& name,
                        std::optional<TypedValue> value) {
  if (!value) {
    values_[address.str()].erase(name);
    return;
  }
  registered_[address.type.str()].emplace(name, value->type_name);
  values_[address.str()][name] = std::move(*value);
}

std::vector<protocol::StateEntry> Session::state_for(const Address& address) const {
  std::vector<protocol::StateEntry> state;
  const auto registered = registered_.find(address.type.str());
  if (registered == registered_.end()) {
    return state;
  }
  for (const auto& [name, type] : registered->second) {
    state.push_back({name, value(address, name)});
  }
  return state;
}

}  // namespace statefun::testkit
