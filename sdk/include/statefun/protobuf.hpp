// Protobuf message value types (typename type.googleapis.com/<full message name>).
#pragma once

#include <string>
#include <string_view>

#include <statefun/error.hpp>
#include <statefun/types.hpp>

namespace statefun {

/// A type for the protobuf message class M (full or lite), named
/// `type.googleapis.com/<full message name>` as the official SDKs name them.
///
/// Example:
///   const auto order_type = make_protobuf_type<shop::Order>();
template <typename M>
Type<M> make_protobuf_type() {
  return Type<M>(
      TypeName("type.googleapis.com", M().GetTypeName()),
      [](const M& message) { return message.SerializeAsString(); },
      [](std::string_view bytes) {
        M message;
        if (!message.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
          throw Error(errc::invalid_value, "invalid " + message.GetTypeName() + " bytes");
        }
        return message;
      });
}

}  // namespace statefun
