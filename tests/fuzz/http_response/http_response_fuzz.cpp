// Fuzz target: the clients' HTTP response parser (statefun::http::MessageParser,
// Kind::response), fed as http/src/client_connection.cpp feeds it (reads into a ReadBuffer,
// interim 1xx answers skipped, a body until the close completed by finish()).
// Oracle: the same bytes parsed whole and cut into reads in many ways give the same responses
// (state, error status and reason, status, head, body, consumed bytes, keep-alive), and every
// result keeps within the parser's contract (split_differential.hpp).
#include <cstddef>
#include <cstdint>

#include <statefun/http/message_parser.hpp>

#include "fuzz_target.hpp"
#include "split_differential.hpp"

// NOLINTNEXTLINE(readability-identifier-naming): the name libFuzzer calls
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  statefun::fuzz::check_split_independence(statefun::http::MessageParser::Kind::response,
                                           statefun::fuzz::bytes_of(data, size));
  return 0;
}
