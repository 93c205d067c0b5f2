#include "state_store.hpp"

#include <algorithm>
#include <optional>

namespace statefun::load {

namespace {

std::string key(int k, const std::string& id) {
  return std::to_string(k) + "/" + id;
}

protocol::StateEntry* find(std::vector<protocol::StateEntry>& entries, const std::string& name) {
  auto it =
      std::find_if(entries.begin(), entries.end(), [&](const auto& e) { return e.name == name; });
  return it == entries.end() ? nullptr : &*it;
}

}  // namespace

const std::vector<protocol::StateEntry>& StateStore::entries(int k,
                                                             const RequestKind& kind,
                                                             const std::string& id) {
  entries_ = kind.state;  // the initial values the flags or the scenario give
  for (const std::string& name : registered_[k]) {
    if (find(entries_, name) == nullptr) {
      entries_.push_back({name, std::nullopt});
    }
  }
  if (auto it = values_.find(key(k, id)); it != values_.end()) {
    for (const auto& written : it->second) {
      protocol::StateEntry* entry = find(entries_, written.name);
      if (entry == nullptr) {
        entries_.push_back(written);
      } else {
        entry->value = written.value;
      }
    }
  }
  return entries_;
}

void StateStore::register_missing(int k, const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    if (std::find(registered_[k].begin(), registered_[k].end(), name) == registered_[k].end()) {
      registered_[k].push_back(name);
    }
  }
}

void StateStore::apply(int k,
                       const std::string& id,
                       const std::vector<protocol::StateMutation>& mutations) {
  if (mutations.empty()) {
    return;
  }
  auto& values = values_[key(k, id)];
  for (const auto& m : mutations) {
    protocol::StateEntry* entry = find(values, m.name);
    if (entry == nullptr) {
      values.push_back({m.name, std::nullopt});
      entry = &values.back();
    }
    entry->value = m.kind == protocol::StateMutation::Kind::modify ? m.value : std::nullopt;
  }
}

}  // namespace statefun::load
