// The shared corpus of greeter requests that both greeters (C++ and the JS SDK's) answer, and
// the error cases where they are known to answer differently.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include <statefun/protocol/request.hpp>

namespace statefun::interop {

/// A request both greeters must answer alike, once the documented text differences
/// (greeting_differences.hpp) are normalized. `differences` lists the ids of the rules the
/// JS answer needs, so that a rule firing where it should not fails too.
struct CorpusCase {
  std::string name;  ///< a GoogleTest-friendly name: letters, digits, underscores
  protocol::Request request;
  std::vector<std::string> differences;
};

/// Greeter visits 0, 1, 2, 3, 4, 5, -1, 2^31, 2^40; a batch of three; names with unicode and
/// <&>"; example/person with no state, with state present but empty, with visits=0 (present,
/// empty bytes), with visits=2, and with an undeclared state beside visits.
std::vector<CorpusCase> greeter_corpus();

/// Prints a case by its name (GoogleTest shows it for a failed parameterized test).
inline void PrintTo(const CorpusCase& c, std::ostream* os) {
  *os << c.name;
}

/// A request the greeters answer with different statuses: the documented differences in
/// error handling (docs/conformance.md).
struct ErrorCase {
  std::string name;
  std::string body;  ///< the raw request bytes
  int cpp_status = 0;
  int js_status = 0;
};

/// Unknown function, malformed and empty bodies, GreetRequests that are not what the greeter
/// expects, and state or arguments of another type.
std::vector<ErrorCase> error_corpus();

inline void PrintTo(const ErrorCase& c, std::ostream* os) {
  *os << c.name;
}

}  // namespace statefun::interop
