// The oracle of the two HTTP fuzz targets: statefun::http::MessageParser gives the same result
// however the bytes of a stream arrive (its header promises it), and every result keeps within
// the parser's contract.
#pragma once

#include <string_view>

#include <statefun/http/message_parser.hpp>

namespace statefun::fuzz {

/// Parses `input` as a stream of `kind` messages whole and in every read pattern of
/// read_patterns(), and reports a finding when one gives other records than the whole input
/// (state, error status and reason, head, body, consumed bytes, keep-alive, for each message)
/// or when a record breaks the contract: an error status other than 400, 413, 431, 501 or 505
/// or without a reason, a body over the limit, a head over the limit, a message consuming more
/// than the input.
void check_split_independence(http::MessageParser::Kind kind, std::string_view input);

}  // namespace statefun::fuzz
