// Inputs are read with a bound: directories, devices and huge files are refused in one line.

#include "input_file.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "exit_codes.hpp"

#include <unistd.h>

namespace statefun::cli {
namespace {

std::string refusal(const std::string& path, std::istream& in, std::size_t max) {
  try {
    read_input(path, in, "--request", max);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "accepted";
}

TEST(InputFile, ReadsAFileOrStandardInputWhole) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("sft_input_" + std::to_string(::getpid()));
  std::ofstream(path, std::ios::binary) << std::string("a\0b", 3);
  std::istringstream none;
  EXPECT_EQ(read_input(path.string(), none, "x"), std::string("a\0b", 3));
  std::filesystem::remove(path);
  std::istringstream in("from stdin");
  EXPECT_EQ(read_input("-", in, "x"), "from stdin");
}

TEST(InputFile, RefusesDirectoriesMissingFilesAndMoreThanTheBound) {
  std::istringstream none;
  EXPECT_EQ(refusal("/tmp", none, 10), "--request: '/tmp' is a directory, not a file");
  EXPECT_EQ(refusal("/no/such/file", none, 10), "--request: cannot read '/no/such/file'");
  EXPECT_EQ(refusal("/dev/zero", none, 1000), "--request: '/dev/zero' holds more than 1000 bytes");
  std::istringstream eleven("01234567890");
  EXPECT_EQ(refusal("-", eleven, 10), "--request: standard input holds more than 10 bytes");
  std::istringstream ten("0123456789");
  EXPECT_EQ(refusal("-", ten, 10), "accepted");
}

}  // namespace
}  // namespace statefun::cli
