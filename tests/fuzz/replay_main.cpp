// The fuzz targets as regression tests, without libFuzzer: runs LLVMFuzzerTestOneInput once on
// every file of the directories (or on the files) named on the command line, in name order.
// Hidden files (.gitkeep) are skipped. Exits 2 when an argument does not exist and 1 when there
// is no input at all; a finding aborts (report_finding) or trips a sanitizer.
//
// Usage: fuzz_<target>_replay DIR|FILE...
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

#include "fuzz_target.hpp"

namespace {

namespace fs = std::filesystem;

/// The regular, not hidden, files of `directory`, in name order.
std::vector<fs::path> files_in(const fs::path& directory) {
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(directory)) {
    if (entry.is_regular_file() && !entry.path().filename().string().starts_with(".")) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

/// The file's bytes in a buffer of exactly their size, so that the sanitizers see a read past
/// the end as libFuzzer's own buffers let them.
std::vector<std::uint8_t> read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<fs::path> inputs;
  for (int i = 1; i < argc; ++i) {
    const fs::path argument(argv[i]);
    std::error_code ec;
    if (fs::is_directory(argument, ec)) {
      const std::vector<fs::path> files = files_in(argument);
      inputs.insert(inputs.end(), files.begin(), files.end());
    } else if (fs::is_regular_file(argument, ec)) {
      inputs.push_back(argument);
    } else {
      std::cerr << "replay: no such file or directory: " << argument.string() << "\n";
      return 2;
    }
  }
  if (inputs.empty()) {
    std::cerr << "replay: no input in the directories given (usage: replay DIR|FILE...)\n";
    return 1;
  }
  for (const fs::path& input : inputs) {
    std::cout << "replaying " << input.string() << std::endl;  // shown before a crash
    const std::vector<std::uint8_t> bytes = read_bytes(input);
    static constexpr std::uint8_t kNothing = 0;  // libFuzzer never passes a null pointer either
    LLVMFuzzerTestOneInput(bytes.empty() ? &kNothing : bytes.data(), bytes.size());
  }
  std::cout << "replayed " << inputs.size() << " inputs, no finding\n";
  return 0;
}
