// A ToFunction read in place: views into the request bytes, no copies, no allocation once the
// vectors have grown. Parsing follows protobuf's rules (PROTOCOL.md 1.2): unknown fields are
// skipped, the last value of a scalar wins, repeated occurrences of a message field merge,
// string fields must be valid UTF-8.
#pragma once

#include <string_view>
#include <vector>

namespace statefun::detail {

struct AddressView {
  std::string_view ns;
  std::string_view type;
  std::string_view id;
  bool present = false;
};

struct TypedValueView {
  std::string_view type_name;
  bool has_value = false;
  std::string_view value;
  bool present = false;
};

struct StateView {
  std::string_view name;
  TypedValueView value;
};

struct InvocationView {
  AddressView caller;
  TypedValueView argument;
};

/// ToFunction { oneof request { InvocationBatchRequest invocation = 100; } }.
struct ToFunctionView {
  bool has_batch = false;
  AddressView target;
  std::vector<StateView> state;
  std::vector<InvocationView> invocations;
};

/// Reads `bytes` into `out` (cleared first). False when they are not a valid ToFunction.
bool parse_to_function(std::string_view bytes, ToFunctionView& out);

}  // namespace statefun::detail
