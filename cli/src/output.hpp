// Printing decoded protocol messages for people.
#pragma once

#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include <statefun/protocol/request.hpp>
#include <statefun/protocol/response.hpp>

namespace statefun::cli {

/// A value in one line: its typename and its readable form.
std::string value_line(const TypedValue& value);

/// A response, one effect per line.
void print_response_text(std::ostream& out, const protocol::Response& response);

/// A request, one state value or invocation per line.
void print_request_text(std::ostream& out, const protocol::Request& request);

/// JSON indented by two spaces, non-ASCII kept as UTF-8, then a newline.
void print_json(std::ostream& out, const nlohmann::json& value);

}  // namespace statefun::cli
