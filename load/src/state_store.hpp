// StateStore: runtime-like state for `resolve_state` request kinds, per worker thread.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include <statefun/load/request_kind.hpp>
#include <statefun/protocol/response.hpp>

namespace statefun::load {

/// Keeps what the runtime keeps (PROTOCOL.md 3.1-3.3): per request kind the state names the
/// function asked for, and per address the values its mutations wrote. Requests of a kind
/// carry every registered name, with the address's value when it has one.
class StateStore {
 public:
  explicit StateStore(std::size_t kinds) : registered_(kinds) {}

  /// The state to attach to a request of `kind` (index `k`) for `id`; valid until the next
  /// call.
  const std::vector<protocol::StateEntry>& entries(int k,
                                                   const RequestKind& kind,
                                                   const std::string& id);

  /// Registers names a function said were missing.
  void register_missing(int k, const std::vector<std::string>& names);

  /// Applies an answer's mutations to the address's values.
  void apply(int k, const std::string& id, const std::vector<protocol::StateMutation>& mutations);

 private:
  std::vector<std::vector<std::string>> registered_;                           ///< per kind
  std::unordered_map<std::string, std::vector<protocol::StateEntry>> values_;  ///< "k/id"
  std::vector<protocol::StateEntry> entries_;
};

}  // namespace statefun::load
