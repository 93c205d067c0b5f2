// What every fuzz target is: libFuzzer's entry point, called once per input by libFuzzer (the
// fuzz_<target> binaries) or by replay_main.cpp (the fuzz.<target> tests), and the way a target
// reports a finding: a message on stderr, then abort(), which both turn into a crash.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string_view>

/// Runs the target's checks on one input; returns 0. A finding never returns (see report_finding).
// NOLINTNEXTLINE(readability-identifier-naming): the name libFuzzer calls
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace statefun::fuzz {

/// The input as characters.
inline std::string_view bytes_of(const std::uint8_t* data, std::size_t size) noexcept {
  return {reinterpret_cast<const char*>(data), size};
}

/// A check of the target failed: prints `what` and aborts, so that libFuzzer saves the input as
/// a crash artifact and a replay test fails.
[[noreturn]] inline void report_finding(std::string_view what) {
  std::cerr << "fuzz finding: " << what << "\n" << std::flush;
  std::abort();
}

}  // namespace statefun::fuzz
