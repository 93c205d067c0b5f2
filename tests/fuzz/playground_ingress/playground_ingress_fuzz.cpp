// Fuzz target: the playground HTTP ingress's reading of a request (runtime::
// read_playground_ingress: the target path, the Content-Type, the body), what `sft run` does
// with every request to its ingress port. The input is three parts cut at the first two '\n':
// the request target, the Content-Type value, the body.
// Oracle: a request is either a message or a rejection with 404 or 415 and a reason. A message
// has a target of three non-empty parts (no '/' in the namespace or the type), the body as its
// value, and the typename the Content-Type names (else io.statefun.types/string); the same
// address written back as a percent-encoded path reads back to itself. Anything else (an
// exception, a crash, a sanitizer report) is a finding.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>
#include <variant>

#include <statefun/runtime/playground_ingress.hpp>

#include "fuzz_target.hpp"

namespace {

using statefun::fuzz::report_finding;
using statefun::runtime::IngressMessage;
using statefun::runtime::IngressRejection;

constexpr std::string_view kTypePrefix = "application/vnd.";

/// `text` with every byte outside [A-Za-z0-9._~-] written as %XX.
std::string percent_encoded(std::string_view text) {
  static constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
        (byte >= '0' && byte <= '9') || c == '.' || c == '_' || c == '~' || c == '-') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4U];
      out += kHex[byte & 0xFU];
    }
  }
  return out;
}

void check_message(const IngressMessage& m, std::string_view content_type, std::string_view body) {
  const std::string_view ns = m.target.type.ns();
  const std::string_view type = m.target.type.name();
  if (ns.empty() || type.empty() || m.target.id.empty() || ns.find('/') != std::string_view::npos ||
      type.find('/') != std::string_view::npos) {
    report_finding("a message for an address that is not three parts: " + m.target.str());
  }
  if (!m.argument.has_value || m.argument.value != body) {
    report_finding("the message's value is not the body");
  }
  const std::string expected = content_type.starts_with(kTypePrefix)
                                   ? std::string(content_type.substr(kTypePrefix.size()))
                                   : std::string("io.statefun.types/string");
  if (m.argument.type_name != expected) {
    report_finding("typename '" + m.argument.type_name + "' for Content-Type '" +
                   std::string(content_type) + "'");
  }
  const std::string path =
      "/" + percent_encoded(ns) + "/" + percent_encoded(type) + "/" + percent_encoded(m.target.id);
  const auto again = statefun::runtime::read_playground_ingress(path, "", "");
  const auto* read = std::get_if<IngressMessage>(&again);
  if (read == nullptr || read->target != m.target) {
    report_finding("the address written as " + path + " does not read back to itself");
  }
}

}  // namespace

// NOLINTNEXTLINE(readability-identifier-naming): the name libFuzzer calls
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = statefun::fuzz::bytes_of(data, size);
  const std::size_t first = input.find('\n');
  const std::string_view target = input.substr(0, first);
  std::string_view rest = first == std::string_view::npos ? "" : input.substr(first + 1);
  const std::size_t second = rest.find('\n');
  const std::string_view content_type = rest.substr(0, second);
  const std::string_view body = second == std::string_view::npos ? "" : rest.substr(second + 1);
  try {
    const auto read = statefun::runtime::read_playground_ingress(target, content_type, body);
    if (const auto* rejection = std::get_if<IngressRejection>(&read)) {
      if ((rejection->status != 404 && rejection->status != 415) || rejection->reason.empty()) {
        report_finding("a rejection with status " + std::to_string(rejection->status) +
                       " and reason '" + rejection->reason + "'");
      }
    } else {
      check_message(std::get<IngressMessage>(read), content_type, body);
    }
  } catch (const std::exception& e) {
    report_finding(std::string("an exception escaped: ") + e.what());
  }
  return 0;
}
