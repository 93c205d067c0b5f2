// Typenames as the Flink runtime reads them (TypeName.parseFrom), stricter than the SDKs.
#pragma once

#include <string_view>

namespace statefun::runtime::detail {

/// Whether `name` is a typename the runtime accepts: namespace/name, both parts non-empty,
/// exactly one '/' (the SDKs split at the last '/' and accept more; the runtime refuses them).
///
/// Example:
///   assert(is_flink_type_name("example/greeter") && !is_flink_type_name("a/b/c"));
inline bool is_flink_type_name(std::string_view name) noexcept {
  const std::size_t slash = name.find('/');
  return slash != std::string_view::npos && slash != 0 && slash + 1 != name.size() &&
         name.find('/', slash + 1) == std::string_view::npos;
}

}  // namespace statefun::runtime::detail
