#include <statefun/error.hpp>
#include <statefun/type_name.hpp>

namespace statefun {

TypeName::TypeName(std::string_view type_name) : full_(type_name), slash_(full_.rfind('/')) {
  if (slash_ == std::string::npos || slash_ == 0 || slash_ + 1 == full_.size()) {
    throw Error(errc::invalid_type_name,
                "invalid typename '" + full_ + "': expected namespace/name, both non-empty");
  }
}

TypeName::TypeName(std::string_view ns, std::string_view name) {
  if (ns.empty() || name.empty() || name.find('/') != std::string_view::npos) {
    throw Error(errc::invalid_type_name,
                "invalid typename '" + std::string(ns) + "/" + std::string(name) +
                    "': namespace and name must be non-empty and the name has no '/'");
  }
  full_.reserve(ns.size() + 1 + name.size());
  full_.append(ns).append(1, '/').append(name);
  slash_ = ns.size();
}

}  // namespace statefun
