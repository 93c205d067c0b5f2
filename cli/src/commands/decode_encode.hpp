// sft decode / sft encode: protocol bytes <-> readable JSON.
#pragma once

#include <istream>
#include <ostream>
#include <string>

#include <CLI/CLI.hpp>

namespace statefun::cli {

struct DecodeOptions {
  std::string input = "-";      ///< a file, or - for standard input
  std::string kind = "auto";    ///< auto, to-function or from-function
  std::string output = "json";  ///< json or text
};

struct EncodeOptions {
  std::string input = "-";      ///< a JSON file, or - for standard input
  std::string out_file;         ///< -o: where the bytes go (default standard output)
  bool force_terminal = false;  ///< write bytes to a terminal anyway
};

/// Registers `sft decode` and `sft encode`; their exit codes go to `exit_code`.
void setup_decode_encode(CLI::App& app, int& exit_code);

/// Decodes ToFunction or FromFunction bytes: 0 success, 1 undecodable, 2 bad options or file.
int run_decode(const DecodeOptions& options,
               std::istream& in,
               std::ostream& out,
               std::ostream& err);

/// Encodes the JSON form back to bytes: 0 success, 2 bad JSON, options or file.
int run_encode(const EncodeOptions& options,
               std::istream& in,
               std::ostream& out,
               std::ostream& err,
               bool out_is_terminal);

}  // namespace statefun::cli
