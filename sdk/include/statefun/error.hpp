// Errors of the statefun SDK: one error category, one exception type.
#pragma once

#include <stdexcept>
#include <string>
#include <system_error>
#include <type_traits>

namespace statefun {

/// What went wrong, as a stable code. The server maps these to HTTP statuses.
enum class errc {
  malformed_request = 1,  ///< the request bytes are not a ToFunction (HTTP 400)
  unknown_function_type,  ///< no function is bound to the target's type (HTTP 500)
  function_failed,        ///< the user function threw (HTTP 500)
  invalid_type_name,      ///< a typename is not "namespace/name"
  invalid_address,        ///< an address is not "namespace/type/id"
  invalid_value_spec,     ///< a value spec has a bad name or is declared twice
  type_mismatch,          ///< a value was read with a type other than its own
  invalid_value,          ///< value bytes do not decode as their type
  undeclared_state,       ///< a state was accessed that the function did not declare
  invalid_argument,       ///< a builder or context call got an unusable argument
  invalid_message,        ///< a function rejected its message: wrong type or content (HTTP 422)
  request_too_large,      ///< a request exceeds a RequestLimits bound (HTTP 413)
};

/// The HTTP status a Server answers when a handler throws statefun::Error with `code`: 400 for
/// errc::malformed_request (retrying cannot help), 422 for errc::invalid_message (a function
/// rejected its message), 413 for errc::request_too_large, 500 for every other code (the
/// runtime retries).
///
/// Example:
///   assert(http_status(errc::invalid_message) == 422);
int http_status(errc code) noexcept;

/// The error category of statefun::errc ("statefun").
const std::error_category& error_category() noexcept;

inline std::error_code make_error_code(errc code) noexcept {
  return {static_cast<int>(code), error_category()};
}

/// The exception thrown by the SDK. `code()` tells the kind, `what()` the details.
///
/// Example:
///   try {
///     TypeName::parse("no-slash");
///   } catch (const statefun::Error& e) {
///     assert(e.code() == statefun::errc::invalid_type_name);
///   }
class Error : public std::system_error {
 public:
  Error(errc code, const std::string& what)
      : std::system_error(make_error_code(code), what), message_(what) {}

  /// The message alone, without the category text std::system_error would append.
  const char* what() const noexcept override { return message_.what(); }

 private:
  std::runtime_error message_;  // copying it cannot throw
};

}  // namespace statefun

template <>
struct std::is_error_code_enum<statefun::errc> : std::true_type {};
