#include "commands/decode_encode.hpp"

#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>

#include <statefun/error.hpp>
#include <statefun/protocol/json_form.hpp>
#include <statefun/protocol/json_text.hpp>
#include <statefun/protocol/message_kind.hpp>

#include "exit_codes.hpp"
#include "input_file.hpp"
#include "output.hpp"

#include <unistd.h>

namespace statefun::cli {

namespace {

using nlohmann::json;
using protocol::MessageKind;

MessageKind kind_of(const DecodeOptions& o, std::string_view bytes) {
  if (o.kind == "to-function") {
    return MessageKind::to_function;
  }
  if (o.kind == "from-function") {
    return MessageKind::from_function;
  }
  const auto detected = protocol::detect_message_kind(bytes);
  if (!detected) {
    throw Error(errc::invalid_value,
                "the " + std::to_string(bytes.size()) +
                    " bytes are neither a ToFunction nor a FromFunction");
  }
  return *detected;
}

}  // namespace

void setup_decode_encode(CLI::App& app, int& exit_code) {
  auto decode = std::make_shared<DecodeOptions>();
  CLI::App* d =
      app.add_subcommand("decode", "Print ToFunction or FromFunction bytes as readable JSON");
  d->add_option("FILE", decode->input, "The bytes (default: standard input)");
  d->add_option("--kind", decode->kind, "auto, to-function or from-function")
      ->check(CLI::IsMember({"auto", "to-function", "from-function"}))
      ->capture_default_str();
  d->add_option("-o,--output", decode->output, "json or text")
      ->check(CLI::IsMember({"json", "text"}))
      ->capture_default_str();
  d->callback(
      [decode, &exit_code] { exit_code = run_decode(*decode, std::cin, std::cout, std::cerr); });

  auto encode = std::make_shared<EncodeOptions>();
  CLI::App* e = app.add_subcommand(
      "encode", "Turn the JSON that `sft decode` prints back into protocol bytes");
  e->add_option("FILE", encode->input, "The JSON (default: standard input)");
  e->add_option(
      "-o,--out", encode->out_file, "Write the bytes to this file (default: standard output)");
  e->add_flag("--force", encode->force_terminal, "Write bytes to a terminal anyway");
  e->callback([encode, &exit_code] {
    exit_code = run_encode(*encode, std::cin, std::cout, std::cerr, isatty(STDOUT_FILENO) != 0);
  });
}

int run_decode(const DecodeOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  try {
    const std::string bytes = read_input(o.input, in, "");
    if (kind_of(o, bytes) == MessageKind::to_function) {
      const auto request = protocol::decode_request(bytes);
      o.output == "text" ? print_request_text(out, request)
                         : print_json(out, protocol::to_json(request));
    } else {
      const auto response = protocol::decode_response(bytes);
      o.output == "text" ? print_response_text(out, response)
                         : print_json(out, protocol::to_json(response));
    }
    return kExitOk;
  } catch (const UsageError& e) {
    err << "sft decode: " << e.what() << "\n";
    return kExitUsage;
  } catch (const Error& e) {
    err << "sft decode: " << e.what() << "\n";
    return kExitFailed;
  }
}

int run_encode(const EncodeOptions& o,
               std::istream& in,
               std::ostream& out,
               std::ostream& err,
               bool out_is_terminal) {
  try {
    const std::string text = read_input(o.input, in, "");
    const json form = protocol::parse_json(text);
    if (form.is_discarded()) {
      throw UsageError("'" + o.input + "' is not valid JSON, or nests deeper than " +
                       std::to_string(protocol::kMaxJsonDepth) + " levels");
    }
    const std::string bytes = form.contains("invocation")
                                  ? protocol::encode_request(protocol::request_from_json(form))
                                  : protocol::encode_response(protocol::response_from_json(form));
    if (!o.out_file.empty()) {
      std::ofstream file(o.out_file, std::ios::binary);
      if (!(file << bytes)) {
        throw UsageError("cannot write '" + o.out_file + "'");
      }
    } else if (out_is_terminal && !o.force_terminal) {
      throw UsageError(
          "refusing to write binary bytes to a terminal: use -o FILE, a pipe, or --force");
    } else {
      out << bytes;
    }
    return kExitOk;
  } catch (const UsageError& e) {
    err << "sft encode: " << e.what() << "\n";
  } catch (const Error& e) {
    err << "sft encode: " << e.what() << "\n";
  }
  return kExitUsage;
}

}  // namespace statefun::cli
