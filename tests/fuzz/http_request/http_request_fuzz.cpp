// Fuzz target: the server's HTTP request parser (statefun::http::MessageParser, Kind::request),
// fed as sdk/src/server/connection.cpp feeds it (reads into a ReadBuffer, pipelined requests).
// Oracle: the same bytes parsed whole and cut into reads in many ways give the same requests
// (state, error status and reason, method, target, head, body, consumed bytes, keep-alive), and
// every result keeps within the parser's contract (split_differential.hpp).
#include <cstddef>
#include <cstdint>

#include <statefun/http/message_parser.hpp>

#include "fuzz_target.hpp"
#include "split_differential.hpp"

// NOLINTNEXTLINE(readability-identifier-naming): the name libFuzzer calls
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  statefun::fuzz::check_split_independence(statefun::http::MessageParser::Kind::request,
                                           statefun::fuzz::bytes_of(data, size));
  return 0;
}
