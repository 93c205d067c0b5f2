#include <statefun/message.hpp>

namespace statefun {

void Message::check_type(const TypeName& expected) const {
  if (value_.type_name != expected.str()) {
    throw Error(errc::invalid_message,
                "message to " + target_.str() + " carries a value of type '" + value_.type_name +
                    "', not '" + expected.str() + "'");
  }
}

MessageBuilder& MessageBuilder::with_raw_value(std::string type_name, std::string bytes) {
  value_.type_name = std::move(type_name);
  value_.value = std::move(bytes);
  value_.has_value = true;
  return *this;
}

void MessageBuilder::check_complete() const {
  if (!value_.has_value) {
    throw Error(errc::invalid_argument, "message to " + target_.str() + " has no value");
  }
}

Message MessageBuilder::build() const& {
  check_complete();
  return {target_, value_};
}

Message MessageBuilder::build() && {
  check_complete();
  return {std::move(target_), std::move(value_)};
}

}  // namespace statefun
