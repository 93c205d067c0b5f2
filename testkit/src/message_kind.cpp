#include <google/protobuf/descriptor.h>
#include <google/protobuf/reflection.h>
#include <google/protobuf/unknown_field_set.h>

#include <statefun/testkit/message_kind.hpp>

#include "sdk/request-reply.pb.h"

namespace statefun::testkit {

namespace {

namespace pb = io::statefun::sdk::reqreply;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

/// True when `message` or any message inside it kept fields its schema does not know.
bool has_unknown_fields(const Message& message) {
  const auto* reflection = message.GetReflection();
  if (!reflection->GetUnknownFields(message).empty()) {
    return true;
  }
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
      continue;
    }
    if (field->is_repeated()) {
      for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
        if (has_unknown_fields(reflection->GetRepeatedMessage(message, field, i))) {
          return true;
        }
      }
    } else if (has_unknown_fields(reflection->GetMessage(message, field))) {
      return true;
    }
  }
  return false;
}

template <typename M>
bool parses_cleanly(std::string_view bytes, M& message) {
  return message.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())) &&
         !has_unknown_fields(message);
}

}  // namespace

std::optional<MessageKind> detect_message_kind(std::string_view bytes) {
  pb::FromFunction from;
  if (bytes.empty() || parses_cleanly(bytes, from)) {
    return MessageKind::from_function;
  }
  pb::ToFunction to;
  if (parses_cleanly(bytes, to) && to.has_invocation() && to.invocation().has_target()) {
    return MessageKind::to_function;
  }
  return std::nullopt;
}

}  // namespace statefun::testkit
