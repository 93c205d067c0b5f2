#include <statefun/error.hpp>

namespace statefun {

namespace {

class Category final : public std::error_category {
 public:
  const char* name() const noexcept override { return "statefun"; }

  std::string message(int code) const override {
    switch (static_cast<errc>(code)) {
      case errc::malformed_request:
        return "malformed request";
      case errc::unknown_function_type:
        return "unknown function type";
      case errc::function_failed:
        return "function failed";
      case errc::invalid_type_name:
        return "invalid typename";
      case errc::invalid_address:
        return "invalid address";
      case errc::invalid_value_spec:
        return "invalid value spec";
      case errc::type_mismatch:
        return "type mismatch";
      case errc::invalid_value:
        return "invalid value";
      case errc::undeclared_state:
        return "undeclared state";
      case errc::invalid_argument:
        return "invalid argument";
      case errc::invalid_message:
        return "invalid message";
      case errc::request_too_large:
        return "request too large";
    }
    return "unknown statefun error";
  }
};

}  // namespace

int http_status(errc code) noexcept {
  switch (code) {
    case errc::malformed_request:
      return 400;
    case errc::invalid_message:
      return 422;
    case errc::request_too_large:
      return 413;
    default:
      return 500;
  }
}

const std::error_category& error_category() noexcept {
  static const Category category;
  return category;
}

}  // namespace statefun
