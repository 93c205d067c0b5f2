
#include <algorithm>

#include <statefun/error.hpp>
#include <statefun/value_spec.hpp>

namespace statefun {

namespace {

bool is_valid_state_name(std::string_view name) {
  const auto is_start = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  };
  const auto is_rest = [&](char c) { return is_start(c) || (c >= '0' && c <= '9'); };
  if (name.empty() || !is_start(name.front())) {
    return false;
  }
  const std::string_view rest = name.substr(1);
  return std::all_of(rest.begin(), rest.end(), is_rest);
}

}  // namespace

ValueSpecBase::ValueSpecBase(std::string name, TypeName type_name, Expiration expiration)
    : name_(std::move(name)), type_name_(std::move(type_name)), expiration_(expiration) {
  if (!is_valid_state_name(name_)) {
    throw Error(errc::invalid_value_spec,
                "invalid state name '" + name_ + "': expected [a-zA-Z_][a-zA-Z_0-9]*");
  }
  if (expiration_.mode != Expiration::Mode::none && expiration_.duration.count() <= 0) {
    throw Error(errc::invalid_value_spec,
                "state '" + name_ + "': an expiration needs a positive duration");
  }
}

}  // namespace statefun
