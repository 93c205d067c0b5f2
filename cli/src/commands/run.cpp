#include "commands/run.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <exception>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <statefun/error.hpp>
#include <statefun/protocol/json_form.hpp>
#include <statefun/protocol/json_text.hpp>
#include <statefun/protocol/request.hpp>
#include <statefun/runtime/ingress_record.hpp>
#include <statefun/runtime/runtime.hpp>
#include <statefun/runtime/sequence_diagram.hpp>
#include <statefun/runtime/trace_json.hpp>
#include <statefun/runtime/trace_page.hpp>

#include "duration.hpp"
#include "exit_codes.hpp"
#include "input_file.hpp"
#include "service_processes.hpp"

namespace statefun::cli {

namespace {

using nlohmann::json;

std::atomic<runtime::Runtime*> g_running{nullptr};

extern "C" void stop_on_signal(int /*signal*/) {
  if (runtime::Runtime* r = g_running.load()) {
    r->stop();  // an atomic store: safe in a signal handler
  }
}

/// A record of a --send file for a Kafka topic or Kinesis stream: {"topic": ..., "key": ...,
/// "value"|"text"|"base64": ...}, routed as the module's ingress reading the topic routes it.
std::vector<runtime::IngressMessage> record_from_line(json form,
                                                      const runtime::Module& module,
                                                      const std::string& where) {
  if (!form["topic"].is_string() || !form.contains("key") || !form["key"].is_string()) {
    throw UsageError(where + R"(: a record needs "topic" and "key" strings (the runtime routes )"
                             R"(it to the id its key names; a Kafka record without a key fails )"
                             R"(the job))");
  }
  if (form.contains("typename")) {
    throw UsageError(where +
                     ": a record's typename is its topic's valueType in the module; "
                     "give no \"typename\"");
  }
  form["typename"] = "sft/bytes";  // the value's bytes as the line gives them
  try {
    return runtime::route_record(module,
                                 form["topic"].get<std::string>(),
                                 form["key"].get<std::string>(),
                                 protocol::typed_value_from_json(form).value,
                                 where);
  } catch (const runtime::UnknownTopic& e) {
    throw UsageError(where + ": " + e.what());
  } catch (const Error& e) {
    throw UsageError(where + ": " + e.what());
  }
}

/// One line of a --send file: a message {"target": "ns/type/id", "typename": ...,
/// "value"|"text"|"base64": ...} (the value in the form `sft decode` prints), or a record of a
/// Kafka topic or Kinesis stream (record_from_line).
std::vector<runtime::IngressMessage> messages_from_line(const std::string& line,
                                                        const runtime::Module& module,
                                                        const std::string& where) {
  json form = protocol::parse_json(line);
  if (form.is_discarded() || !form.is_object()) {
    throw UsageError(
        where +
        R"(: not a JSON object (a message is {"target": "ns/type/id", "typename": "ns/name", )"
        R"("value": ...}, a record {"topic": ..., "key": ..., "value": ...}))");
  }
  if (form.contains("topic") && !form.contains("target")) {
    return record_from_line(std::move(form), module, where);
  }
  if (!form.contains("target") || !form["target"].is_string()) {
    throw UsageError(where + R"(: a message needs "target": "namespace/type/id" (or a record )"
                             R"("topic" and "key"))");
  }
  try {
    std::vector<runtime::IngressMessage> messages;
    messages.push_back({Address::parse(form["target"].get<std::string>()),
                        protocol::typed_value_from_json(form),
                        where});
    return messages;
  } catch (const Error& e) {
    throw UsageError(where + ": " + e.what());
  }
}

std::vector<runtime::IngressMessage> read_messages(const std::string& path,
                                                   const runtime::Module& module) {
  std::istringstream lines(read_input(path, std::cin, "--send"));
  std::vector<runtime::IngressMessage> messages;
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    const std::size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line[first] == '#') {
      continue;
    }
    for (runtime::IngressMessage& message : messages_from_line(
             line, module, (path == "-" ? "stdin" : path) + ":" + std::to_string(number))) {
      messages.push_back(std::move(message));
    }
  }
  return messages;
}

/// The one-off messages of --to and the value flags.
std::vector<runtime::IngressMessage> flag_messages(const PayloadOptions& options) {
  if (options.address.empty()) {
    return {};
  }
  const protocol::Request request = build_request(options);
  std::vector<runtime::IngressMessage> messages;
  for (const protocol::Invocation& invocation : request.invocations) {
    messages.push_back({request.target, invocation.argument, "flags"});
  }
  return messages;
}

std::string readable_bytes(const std::string& bytes) {
  return protocol::one_line(TypedValue{"sft/bytes", true, bytes});
}

json record_json(const runtime::EgressRecord& record) {
  json out = protocol::to_json(TypedValue{"sft/bytes", true, record.value});
  out.erase("typename");
  out["egress"] = record.egress.str();
  out["topic"] = record.topic;
  if (!record.key.empty()) {
    out["key"] = record.key;
  }
  return out;
}

void print_record(std::ostream& out, const runtime::EgressRecord& record) {
  out << "egress " << record.egress << " " << record.topic;
  if (!record.key.empty()) {
    out << " [" << record.key << "]";
  }
  out << ": " << readable_bytes(record.value) << "\n";
}

std::string_view end_text(runtime::RunResult::End end) {
  switch (end) {
    case runtime::RunResult::End::idle:
      return "idle";
    case runtime::RunResult::End::duration:
      return "its duration passed";
    case runtime::RunResult::End::failed:
      return "FAILED";
    case runtime::RunResult::End::interrupted:
      return "interrupted";
  }
  return "ended";
}

template <typename Map>
std::string counts(const Map& map) {
  std::string text;
  for (const auto& [name, count] : map) {
    text += (text.empty() ? "" : ", ") + name + " " + std::to_string(count);
  }
  return text.empty() ? "none" : text;
}

/// The summary's state lines: enough to read, not a screenful per thousand addresses.
constexpr std::size_t kStateAddressesShown = 50;

/// The state of the first addresses that hold a value (the run kept kStateAddressesShown), and
/// how many more there are.
void print_state(std::ostream& out, const runtime::RunResult& result) {
  std::size_t shown = 0;
  for (const runtime::AddressState& state : result.state) {
    if (state.values.empty()) {
      continue;
    }
    if (shown++ == 0) {
      out << "  state:\n";
    }
    for (const auto& [name, value] : state.values) {
      out << "    " << state.address << "  " << name << " = " << protocol::one_line(value) << " ("
          << value.type_name << ")\n";
    }
  }
  if (result.addresses_with_state > shown) {
    out << "    ... and " << result.addresses_with_state - shown
        << " more addresses with state (--admin-port serves them all while the run lasts)\n";
  }
}

void print_summary(std::ostream& out, const runtime::RunResult& result) {
  std::uint64_t requests = 0;
  for (const auto& [type, count] : result.requests) {
    requests += count;
  }
  out << "sft run: " << end_text(result.end) << " after " << result.ingress_messages
      << " ingress message(s), " << requests << " request(s), " << result.retries
      << " retried attempt(s)\n";
  out << "  messages: " << counts(result.messages) << "\n";
  out << "  egress:   " << counts(result.egress_per_topic) << "\n";
  if (result.egress_dropped > 0) {
    out << "  dropped:  " << result.egress_dropped
        << " playground egress payload(s): their topic's queue was full\n";
  }
  if (result.pending_delayed > 0) {
    out << "  delayed:  " << result.pending_delayed << " message(s) not yet due\n";
  }
  if (result.input_not_taken > 0) {
    out << "  input:    " << result.input_not_taken << " message(s) not taken\n";
  }
  print_state(out, result);
}

/// Says on `err` what the run retries: a service that is down costs the call's whole budget
/// (2 minutes by default), and the user should see why nothing happens.
/// It also hands every event to the observers it is given (the --trace file, the --mermaid
/// recorder).
class RetryReporter final : public runtime::TraceObserver {
 public:
  explicit RetryReporter(std::ostream& err) : err_(err) {}

  void forward_to(runtime::TraceObserver& next) { next_.push_back(&next); }

  bool wants(runtime::TraceEvent::Kind kind) const noexcept override {
    return kind == runtime::TraceEvent::Kind::retry ||
           std::ranges::any_of(next_, [kind](const auto* next) { return next->wants(kind); });
  }

  void on_event(const runtime::TraceEvent& event) override {
    if (event.kind == runtime::TraceEvent::Kind::retry) {
      err_ << "sft run: retrying " << (event.to ? event.to->str() : std::string("a call")) << ": "
           << event.detail << "\n";
    }
    for (runtime::TraceObserver* next : next_) {
      next->on_event(event);
    }
  }

 private:
  std::ostream& err_;
  std::vector<runtime::TraceObserver*> next_;
};

runtime::RunOptions runtime_options(const RunCommandOptions& o) {
  runtime::RunOptions options;
  if (o.clock == "virtual") {
    options.time = runtime::RunOptions::Time::simulated;
  }
  if (!o.duration.empty()) {
    options.duration = std::chrono::duration_cast<std::chrono::milliseconds>(
        parse_duration(o.duration, "--duration"));
    options.until_idle = false;
  }
  if (o.max_messages > 0) {
    options.max_messages = o.max_messages;
  }
  options.max_in_flight = o.max_in_flight;
  options.keep_egress = false;  // printed and written as they come: a long run stays bounded
  options.state_limit = kStateAddressesShown;
  return options;
}

}  // namespace

namespace {

/// --send, and --to with its value flags.
void add_message_flags(CLI::App& cmd, RunCommandOptions& o) {
  cmd.add_option("--send",
                 o.send,
                 R"(A JSON-lines file of messages, '-' for stdin: {"target": "ns/type/id", )"
                 R"("typename": "ns/name", "value": ...} (or "text"/"base64"))");
  cmd.add_option("--to",
                 o.message.address,
                 "The address of one-off messages given with --type and --json, --text, "
                 "--int, ...");
  cmd.add_option("--type", o.message.type, "The typename of the --to messages");
  cmd.add_option("--json", o.message.json, "A JSON message for --to (repeatable)");
  cmd.add_option("--text", o.message.text, "A text message for --to (repeatable)");
  cmd.add_option("--int", o.message.ints, "An io.statefun.types/int message for --to");
  cmd.add_option("--long", o.message.longs, "An io.statefun.types/long message for --to");
  cmd.add_option("--string", o.message.strings, "An io.statefun.types/string message for --to");
}

/// --exec, --exec-timeout.
void add_exec_flags(CLI::App& cmd, RunCommandOptions& o) {
  cmd.add_option("--exec",
                 o.exec,
                 "Start a function service with /bin/sh -c CMD (repeatable); the run waits until "
                 "every endpoint of the module listens, stops them all at the end and shows "
                 "their output when something fails");
  cmd.add_option("--exec-timeout",
                 o.exec_timeout,
                 "How long to wait for the --exec services to listen (default 30s)");
}

/// --http, --listen, --ingress-port, --egress-port.
void add_http_flags(CLI::App& cmd, RunCommandOptions& o) {
  cmd.add_flag("--http",
               o.http,
               "Serve the module's playground ingress (PUT /namespace/type/id) and egress (GET "
               "/topic) over HTTP, as the playground does, until interrupted (the default when "
               "no --send or --to is given)");
  cmd.add_option("--listen", o.listen, "The address they listen on (default 127.0.0.1)");
  cmd.add_option("--ingress-port",
                 o.ingress_port,
                 "The ingress's port instead of the module's (0: any free port)")
      ->check(CLI::Range(0, 65535));
  cmd.add_option("--admin-port",
                 o.admin_port,
                 "Serve the admin endpoint on this port (0: any free port): GET /state and "
                 "/state/namespace/type/id show each address's state, backlog and pending "
                 "delayed messages as JSON")
      ->check(CLI::Range(0, 65535));
  cmd.add_option("--egress-port",
                 o.egress_port,
                 "The egress's port instead of the module's (0: any free port)")
      ->check(CLI::Range(0, 65535));
}

/// --egress-out, --mermaid, --html, --trace, --quiet.
void add_output_flags(CLI::App& cmd, RunCommandOptions& o) {
  cmd.add_option("--egress-out", o.egress_out, "Write every egress record as JSON lines");
  cmd.add_option("--mermaid",
                 o.mermaid,
                 "Write the message flow as a Mermaid sequence diagram (ingress, runtime, each "
                 "function type, egress)");
  cmd.add_option("--html",
                 o.html,
                 "Write the message flow as a page that opens offline: the diagram drawn, and "
                 "every step with what caused it");
  cmd.add_option("--trace",
                 o.trace,
                 "Write every step (ingress, request, answer, message, delay, egress, state "
                 "change, retry, failure) as JSON lines with the ids of what caused it");
  cmd.add_flag("--quiet", o.quiet, "No line per egress record, only the summary");
}

}  // namespace

void setup_run(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<RunCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "run",
      "Run a whole pipeline locally as a Statefun cluster would: the module's function "
      "services over HTTP, messages from --send or --to, every egress record shown");
  cmd->add_option("MODULE", o->module, "The module.yaml (as a Flink Statefun cluster reads it)")
      ->required();
  add_message_flags(*cmd, *o);
  cmd->add_option("--clock",
                  o->clock,
                  "real (default): delayed messages and TTLs take their time; virtual: the "
                  "clock jumps to the next due time whenever the pipeline is idle")
      ->check(CLI::IsMember({"real", "virtual"}));
  cmd->add_option(
      "--duration", o->duration, "Run this long (e.g. 30s) instead of until the pipeline is idle");
  cmd->add_option("--max-messages", o->max_messages, "Take at most this many input messages");
  cmd->add_option("--max-in-flight",
                  o->max_in_flight,
                  "Take no input while this many requests are in flight, as a Flink task at "
                  "statefun.async.max-per-task")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  add_exec_flags(*cmd, *o);
  add_http_flags(*cmd, *o);
  add_output_flags(*cmd, *o);
  cmd->callback([o, &exit_code] { exit_code = run_run(*o, std::cout, std::cerr); });
}

namespace {

/// Opens `path` for `flag` unless it is empty; false when it is. Throws UsageError.
bool open_output(const std::string& path, std::string_view flag, std::ofstream& file) {
  if (path.empty()) {
    return false;
  }
  file.open(path, std::ios::binary | std::ios::trunc);
  if (!file) {
    throw UsageError(std::string(flag) + ": cannot write '" + path + "'");
  }
  return true;
}

bool declares_playground_ingress(const runtime::Module& module) {
  return std::any_of(module.ingresses.begin(), module.ingresses.end(), [](const auto& ingress) {
    return ingress.kind == runtime::Ingress::Kind::playground;
  });
}

bool declares_playground_egress(const runtime::Module& module) {
  return std::any_of(module.egresses.begin(), module.egresses.end(), [](const auto& egress) {
    return egress.kind == runtime::Egress::Kind::playground;
  });
}

/// Whether and where the playground's HTTP ingress and egress are served: with --http, or
/// when no input is given. Throws UsageError when there would be nothing to run.
void choose_http(const RunCommandOptions& o,
                 const runtime::Module& module,
                 runtime::RunOptions& options) {
  const bool has_input = !o.send.empty() || !o.message.address.empty();
  const bool ingress = declares_playground_ingress(module);
  if (o.http && !ingress && !declares_playground_egress(module)) {
    throw UsageError("--http: " + o.module +
                     " declares no io.statefun.playground.v1/ingress or egress to serve");
  }
  if (!has_input && !ingress) {
    throw UsageError(
        "nothing to run: give --send FILE or --to ADDRESS, or declare an "
        "io.statefun.playground.v1/ingress in " +
        o.module + " to take messages over HTTP");
  }
  options.http.serve = o.http || !has_input;
  options.http.host = o.listen;
  if (o.ingress_port >= 0) {
    options.http.ingress_port = static_cast<std::uint16_t>(o.ingress_port);
  }
  if (o.egress_port >= 0) {
    options.http.egress_port = static_cast<std::uint16_t>(o.egress_port);
  }
  if (o.admin_port >= 0) {
    options.http.admin_port = static_cast<std::uint16_t>(o.admin_port);
  }
}

/// "sft run: listening on http://H:P/ (playground ingress: ...) and ... (egress: ...)", one
/// line written at once (tests and scripts read the ports from it).
std::string listening_line(const runtime::Runtime& runtime, const std::string& host) {
  std::string line = "sft run: listening on";
  if (const auto port = runtime.ingress_port()) {
    line += " http://" + host + ":" + std::to_string(*port) +
            "/ (playground ingress: PUT /namespace/type/id)";
  }
  if (const auto port = runtime.egress_port()) {
    line += std::string(runtime.ingress_port() ? " and" : "") + " http://" + host + ":" +
            std::to_string(*port) + "/ (playground egress: GET /topic)";
  }
  if (const auto port = runtime.admin_port()) {
    line += std::string(runtime.ingress_port() || runtime.egress_port() ? " and" : "") +
            " http://" + host + ":" + std::to_string(*port) + "/state (admin)";
  }
  return line + "; Ctrl-C ends the run\n";
}

/// The runtime for the flags, its input queued, the --exec services started and listening.
/// Throws ModuleError, UsageError or std::runtime_error (a port in use).
std::unique_ptr<runtime::Runtime> make_runtime(const RunCommandOptions& o,
                                               runtime::RunOptions options,
                                               ServiceProcesses& services,
                                               std::ostream& err) {
  runtime::Module module = runtime::read_module(o.module);
  choose_http(o, module, options);
  std::vector<runtime::IngressMessage> input;
  for (const std::string& path : o.send) {
    for (runtime::IngressMessage& message : read_messages(path, module)) {
      input.push_back(std::move(message));
    }
  }
  for (runtime::IngressMessage& message : flag_messages(o.message)) {
    input.push_back(std::move(message));
  }
  if (!o.exec.empty()) {
    const auto timeout = std::chrono::duration_cast<std::chrono::milliseconds>(
        parse_duration(o.exec_timeout, "--exec-timeout"));
    for (const std::string& command : o.exec) {
      services.start(command);
    }
    services.wait_until_listening(module.service_addresses(), timeout);
  }
  auto runtime = std::make_unique<runtime::Runtime>(std::move(module), std::move(options));
  for (runtime::IngressMessage& message : input) {
    runtime->send(std::move(message));
  }
  if (runtime->ingress_port() || runtime->egress_port() || runtime->admin_port()) {
    err << listening_line(*runtime, o.listen);
  }
  return runtime;
}

/// Runs until the end, SIGINT and SIGTERM ending it early with its summary.
runtime::RunResult run_with_signals(runtime::Runtime& runtime) {
  g_running = &runtime;
  void (*previous_int)(int) = std::signal(SIGINT, stop_on_signal);
  void (*previous_term)(int) = std::signal(SIGTERM, stop_on_signal);
  runtime::RunResult result = runtime.run();
  std::signal(SIGINT, previous_int);
  std::signal(SIGTERM, previous_term);
  g_running = nullptr;
  return result;
}

}  // namespace

namespace {

/// Where a run's output goes: the terminal, and the files of --egress-out, --trace, --mermaid
/// and --html.
class RunOutputs {
 public:
  RunOutputs(const RunCommandOptions& o, std::ostream& out, std::ostream& err)
      : o_(o), out_(out), retries_(err) {}

  /// Opens the files and points `options` at them. Throws UsageError.
  void attach(runtime::RunOptions& options) {
    options.observer = &retries_;
    if (open_output(o_.trace, "--trace", trace_file_)) {
      retries_.forward_to(trace_.emplace(trace_file_));
    }
    const bool mermaid = open_output(o_.mermaid, "--mermaid", mermaid_file_);
    const bool html = open_output(o_.html, "--html", html_file_);
    if (mermaid || html) {
      retries_.forward_to(recorder_);
    }
    open_output(o_.egress_out, "--egress-out", egress_file_);
    options.on_egress = [this](const runtime::EgressRecord& record) { on_egress(record); };
  }

  /// Writes what is written at the end (the diagram, the page).
  void finish() {
    const std::string left_out = recorder_.left_out();
    const std::string note = left_out.empty() ? "" : left_out + " (--trace keeps them all)";
    if (mermaid_file_.is_open()) {
      mermaid_file_ << runtime::mermaid_sequence(recorder_.events())
                    << (note.empty() ? "" : "    %% sft run: " + note + "\n");
    }
    if (html_file_.is_open()) {
      html_file_ << runtime::trace_page(recorder_.events(),
                                        o_.module + (note.empty() ? "" : ", " + note));
    }
  }

 private:
  void on_egress(const runtime::EgressRecord& record) {
    if (!o_.quiet) {
      print_record(out_, record);
      out_.flush();
    }
    if (egress_file_.is_open()) {
      egress_file_ << record_json(record).dump() << "\n";
      egress_file_.flush();
    }
  }

  const RunCommandOptions& o_;
  std::ostream& out_;
  std::ofstream egress_file_;
  std::ofstream trace_file_;
  std::optional<runtime::TraceWriter> trace_;
  std::ofstream mermaid_file_;
  std::ofstream html_file_;
  runtime::TraceSample recorder_;
  RetryReporter retries_;
};

}  // namespace

int run_run(const RunCommandOptions& o, std::ostream& out, std::ostream& err) {
  RunOutputs outputs(o, out, err);
  ServiceProcesses services;
  std::unique_ptr<runtime::Runtime> runtime;
  try {
    runtime::RunOptions options = runtime_options(o);
    outputs.attach(options);
    runtime = make_runtime(o, std::move(options), services, err);
  } catch (const std::exception& e) {  // ModuleError, UsageError, statefun::Error
    err << "sft run: " << e.what() << "\n";
    return kExitUsage;
  }
  const runtime::RunResult result = run_with_signals(*runtime);
  const std::vector<std::string> exited = services.exited();
  services.stop();
  print_summary(out, result);
  outputs.finish();
  for (const std::string& line : exited) {
    err << "sft run: " << line << " during the run\n";
  }
  if (result.end == runtime::RunResult::End::failed) {
    err << "sft run: the pipeline stopped as a Flink job would fail: " << result.failure << "\n";
    for (const std::string& line : result.in_flight) {
      err << "  in flight: " << line << "\n";
    }
  }
  if (result.end == runtime::RunResult::End::failed || !exited.empty()) {
    err << services.output_tails();
  }
  return result.end == runtime::RunResult::End::failed ? kExitFailed : kExitOk;
}

}  // namespace statefun::cli
