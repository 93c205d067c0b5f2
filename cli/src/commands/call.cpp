#include "commands/call.hpp"

#include <chrono>
#include <iostream>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include <statefun/error.hpp>
#include <statefun/protocol/json_form.hpp>
#include <statefun/testkit/http_client.hpp>
#include <statefun/testkit/session.hpp>

#include "byte_size.hpp"
#include "duration.hpp"
#include "exit_codes.hpp"
#include "output.hpp"

namespace statefun::cli {

namespace {

using nlohmann::json;

/// Wraps a client to keep the bytes of the last answer and count the requests.
class RecordingClient : public testkit::Client {
 public:
  explicit RecordingClient(testkit::Client& inner) : inner_(inner) {}

  std::string call_bytes(std::string_view request) override {
    last_answer_ = inner_.call_bytes(request);
    return last_answer_;
  }

  const std::string& last_answer() const noexcept { return last_answer_; }

 private:
  testkit::Client& inner_;
  std::string last_answer_;
};

int report_call_error(const testkit::CallError& e,
                      const CallOptions& o,
                      std::ostream& out,
                      std::ostream& err) {
  const bool unreachable = e.kind() == testkit::CallErrorKind::connect ||
                           e.kind() == testkit::CallErrorKind::timeout ||
                           e.kind() == testkit::CallErrorKind::transport;
  if (o.output == "json") {
    json error = {{"kind", std::string(testkit::to_string(e.kind()))}, {"message", e.what()}};
    if (e.status() != 0) {
      error["status"] = e.status();
      error["body"] = e.body();
    }
    print_json(out, {{"error", error}});
  }
  err << "sft call: error[" << testkit::to_string(e.kind()) << "]: " << e.what() << "\n";
  if (e.kind() == testkit::CallErrorKind::status && !e.body().empty()) {
    err << e.body() << (e.body().ends_with('\n') ? "" : "\n");
  }
  return unreachable ? kExitUnreachable : kExitFailed;
}

void print_answer(const CallOptions& o,
                  const protocol::Response& response,
                  const std::string& bytes,
                  std::ostream& out) {
  if (o.output == "binary") {
    out << bytes;
  } else if (o.output == "text") {
    print_response_text(out, response);
  } else {
    print_json(out, protocol::to_json(response));
  }
}

}  // namespace

void setup_call(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<CallOptions>();
  CLI::App* call = app.add_subcommand(
      "call", "Send one request to a function service and print its decoded answer");
  call->add_option("URL", options->url, "The function service, e.g. http://127.0.0.1:8000/statefun")
      ->required();
  add_payload_options(*call, options->payload);
  call->add_flag(
      "--resolve-state",
      options->resolve_state,
      "Answer a missing-state reply as the runtime does: re-send with the state it asks for");
  call->add_option("-o,--output",
                   options->output,
                   "json (decoded), text (one line per effect) or binary (raw FromFunction)")
      ->check(CLI::IsMember({"json", "text", "binary"}))
      ->capture_default_str();
  call->add_option("--timeout", options->timeout, "Time allowed for the answer")
      ->capture_default_str();
  call->add_option("--connect-timeout", options->connect_timeout, "Time allowed to connect")
      ->capture_default_str();
  call->add_option("--max-answer-size",
                   options->max_answer_size,
                   "Largest answer body read, e.g. 1MiB (a larger one fails the call)")
      ->capture_default_str();
  call->footer(
      "Example:\n  sft call http://127.0.0.1:8000/statefun example/greeter/George \\\n"
      "      --type example/GreetRequest --json '{\"name\":\"George\",\"visits\":3}'");
  call->callback([options, &exit_code] { exit_code = run_call(*options, std::cout, std::cerr); });
}

int run_call(const CallOptions& o, std::ostream& out, std::ostream& err) {
  try {
    const protocol::Request request = build_request(o.payload);
    testkit::HttpClientOptions client_options;
    client_options.request_timeout = std::chrono::duration_cast<std::chrono::milliseconds>(
        parse_duration(o.timeout, "--timeout"));
    client_options.connect_timeout = std::chrono::duration_cast<std::chrono::milliseconds>(
        parse_duration(o.connect_timeout, "--connect-timeout"));
    client_options.max_answer_bytes = parse_byte_size(o.max_answer_size, "--max-answer-size");
    testkit::HttpClient http(o.url, client_options);
    RecordingClient client(http);
    protocol::Response response;
    if (o.resolve_state) {
      testkit::Session session(client);
      for (const auto& entry : request.state) {
        session.set_value(request.target, entry.name, entry.value);
      }
      response = session.send(request.target, request.invocations);
    } else {
      response = client.call(request);
    }
    print_answer(o, response, client.last_answer(), out);
    return kExitOk;
  } catch (const UsageError& e) {
    err << "sft call: " << e.what() << "\n";
    return kExitUsage;
  } catch (const testkit::CallError& e) {
    return report_call_error(e, o, out, err);
  } catch (const Error& e) {
    err << "sft call: " << e.what() << "\n";
    return e.code() == errc::invalid_argument ? kExitUsage : kExitFailed;
  }
}

}  // namespace statefun::cli
