// Where a load test may go: only loopback addresses unless the user allows remote targets.
#pragma once

#include <string_view>

namespace statefun::load {

/// True when the URL's host is loopback: 127.0.0.0/8, ::1, or a name (such as localhost)
/// that resolves only to such addresses. False for anything else, including a host that
/// does not resolve or a URL that does not parse.
bool is_loopback_url(std::string_view url);

}  // namespace statefun::load
