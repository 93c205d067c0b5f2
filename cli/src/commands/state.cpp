#include "commands/state.hpp"

#include <exception>
#include <iostream>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include <statefun/error.hpp>
#include <statefun/load/target.hpp>
#include <statefun/protocol/json_form.hpp>
#include <statefun/protocol/json_text.hpp>
#include <statefun/runtime/runtime.hpp>
#include <statefun/testkit/http_client.hpp>

#include "exit_codes.hpp"
#include "output.hpp"

namespace statefun::cli {

namespace {

using nlohmann::json;

/// A value of the endpoint's document (its JSON form) in one line, with its typename.
std::string value_line(const json& form) {
  try {
    const TypedValue value = protocol::typed_value_from_json(form);
    return protocol::one_line(value) + " (" + value.type_name + ")";
  } catch (const Error&) {
    return form.dump();
  }
}

void print_address(std::ostream& out, const json& address) {
  out << address.at("address").get<std::string>();
  const std::size_t backlog = address.value("backlog", std::size_t{0});
  if (address.value("in_flight", false)) {
    out << "  (a request in flight"
        << (backlog > 0 ? ", " + std::to_string(backlog) + " in its backlog" : "") << ")";
  }
  out << "\n";
  const json& state = address.at("state");
  if (state.empty()) {
    out << "    no state\n";
  }
  for (const auto& [name, value] : state.items()) {
    out << "    " << name << " = " << value_line(value) << "\n";
  }
}

void print_delayed(std::ostream& out, const json& delayed) {
  for (const json& message : delayed) {
    out << "delayed  " << message.at("from").get<std::string>() << " -> "
        << message.at("to").get<std::string>() << " in " << message.at("due_in_ms").get<long long>()
        << " ms";
    if (message.contains("token")) {
      out << " (token " << message.at("token").get<std::string>() << ")";
    }
    out << ": " << value_line(message.at("argument")) << "\n";
  }
}

void print_text(std::ostream& out, const json& document, bool one) {
  if (one) {
    print_address(out, document);
  } else {
    for (const json& address : document.at("addresses")) {
      print_address(out, address);
    }
    if (document.at("addresses").empty()) {
      out << "the run has seen no address yet\n";
    }
  }
  print_delayed(out, document.at("delayed"));
}

std::string state_url(const StateOptions& o) {
  std::string base = o.url;
  while (!base.empty() && base.back() == '/') {
    base.pop_back();
  }
  if (o.address.empty()) {
    return base + "/state";
  }
  try {
    return base + runtime::admin_state_path(Address::parse(o.address));
  } catch (const Error& e) {
    throw UsageError("ADDRESS: " + std::string(e.what()));
  }
}

}  // namespace

void setup_state(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<StateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "state",
      "Show what a running sft run holds (its --admin-port): state, backlogs, delayed messages");
  cmd->add_option("URL", o->url, "The run's admin endpoint, e.g. http://127.0.0.1:8092")
      ->required();
  cmd->add_option("ADDRESS", o->address, "Only this address (namespace/type/id)");
  cmd->add_option("-o,--output", o->output, "text (readable) or json (the endpoint's document)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->add_flag("--allow-remote", o->allow_remote, "Allow an endpoint that is not on loopback");
  cmd->footer(
      "Example:\n  sft run examples/greeter/module.yaml --admin-port 8092 &\n"
      "  sft state http://127.0.0.1:8092 example/person/Bob\n"
      "Exit status: 0 shown; 1 the run has not seen the address; 2 bad flags or not an admin "
      "endpoint; 3 no connection");
  cmd->callback([o, &exit_code] { exit_code = run_state(*o, std::cout, std::cerr); });
}

int run_state(const StateOptions& o, std::ostream& out, std::ostream& err) {
  try {
    if (!o.allow_remote && !load::is_loopback_url(o.url)) {
      throw UsageError("refusing " + o.url + ": not a loopback address (give --allow-remote)");
    }
    testkit::HttpClient client(state_url(o));
    const testkit::HttpReply reply = client.get();
    if (reply.status == 404 && !o.address.empty()) {
      err << "sft state: " << reply.body << "\n";
      return kExitFailed;
    }
    const json document = protocol::parse_json(reply.body);
    if (reply.status != 200 || document.is_discarded() || !document.is_object() ||
        !document.contains("delayed")) {
      throw UsageError(client.url() + " is not sft run's admin endpoint (HTTP " +
                       std::to_string(reply.status) + ")");
    }
    if (o.output == "json") {
      out << document.dump(2) << "\n";
    } else {
      print_text(out, document, !o.address.empty());
    }
    return kExitOk;
  } catch (const testkit::CallError& e) {
    err << "sft state: " << e.what() << "\n";
    return kExitUnreachable;
  } catch (const json::exception& e) {
    err << "sft state: not the admin endpoint's document: " << e.what() << "\n";
  } catch (const std::exception& e) {  // UsageError, a URL that does not parse
    err << "sft state: " << e.what() << "\n";
  }
  return kExitUsage;
}

}  // namespace statefun::cli
