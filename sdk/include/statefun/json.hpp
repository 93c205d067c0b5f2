// JSON value types: nlohmann::json, or any type with to_json/from_json.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include <statefun/error.hpp>
#include <statefun/types.hpp>

namespace statefun {

/// A type whose bytes are UTF-8 JSON, with a typename of your choice (like the official SDKs'
/// make_json_type). T is nlohmann::json, nlohmann::ordered_json (keeps key order) or any type
/// nlohmann can convert (to_json/from_json).
/// Serialization is compact JSON without a trailing newline; any valid JSON is accepted.
///
/// Example:
///   struct GreetRequest {
///     std::string name;
///     int visits = 0;
///   };
///   NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(GreetRequest, name, visits)
///   const auto greet_request_type = make_json_type<GreetRequest>("example/GreetRequest");
template <typename T = nlohmann::json>
Type<T> make_json_type(TypeName type_name) {
  return Type<T>(
      std::move(type_name),
      [](const T& value) {
        if constexpr (requires { value.dump(); }) {
          return value.dump();  // a JSON value itself (json, ordered_json) keeps its key order
        } else {
          return nlohmann::json(value).dump();
        }
      },
      [](std::string_view bytes) -> T {
        try {
          if constexpr (requires(const T& v) { v.dump(); }) {
            return T::parse(bytes);
          } else {
            return nlohmann::json::parse(bytes).template get<T>();
          }
        } catch (const nlohmann::json::exception& e) {
          throw Error(errc::invalid_value, std::string("invalid JSON value: ") + e.what());
        }
      });
}

}  // namespace statefun
