#include <statefun/address.hpp>
#include <statefun/error.hpp>

namespace statefun {

Address Address::parse(std::string_view address) {
  const auto first = address.find('/');
  const auto second = first == std::string_view::npos ? first : address.find('/', first + 1);
  if (second == std::string_view::npos || first == 0 || second == first + 1) {
    throw Error(errc::invalid_address,
                "invalid address '" + std::string(address) + "': expected namespace/type/id");
  }
  return {TypeName(address.substr(0, first), address.substr(first + 1, second - first - 1)),
          std::string(address.substr(second + 1))};
}

}  // namespace statefun
