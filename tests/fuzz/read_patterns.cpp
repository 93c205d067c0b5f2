#include "read_patterns.hpp"

#include <cstdint>
#include <random>

namespace statefun::fuzz {

namespace {

constexpr int kRandomSplits = 24;
constexpr std::size_t kLineEndSplits = 32;  // at most, around the first line feeds

/// FNV-1a: the same input, the same cuts.
std::uint64_t hash_of(std::string_view input) noexcept {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : input) {
    hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  }
  return hash;
}

/// Reads of 1 to `max_read` bytes each until the end of an input of `size` bytes.
std::vector<std::size_t> random_reads(std::size_t size,
                                      std::size_t max_read,
                                      std::mt19937_64& generator) {
  std::vector<std::size_t> ends;
  std::uniform_int_distribution<std::size_t> length(1, max_read);
  for (std::size_t end = length(generator); end < size; end += length(generator)) {
    ends.push_back(end);
  }
  ends.push_back(size);
  return ends;
}

/// Splits just before and just after line feeds: where a line, a limit's count or a CRLF is
/// complete in one read and not in the other.
void add_line_end_splits(std::string_view input, std::vector<std::vector<std::size_t>>& patterns) {
  std::size_t added = 0;
  for (std::size_t at = input.find('\n'); at != std::string_view::npos && added < kLineEndSplits;
       at = input.find('\n', at + 1)) {
    for (const std::size_t split : {at, at + 1}) {
      if (split > 0 && split < input.size()) {
        patterns.push_back({split, input.size()});
        ++added;
      }
    }
  }
}

}  // namespace

std::vector<std::vector<std::size_t>> read_patterns(std::string_view input) {
  const std::size_t size = input.size();
  std::vector<std::vector<std::size_t>> patterns;
  if (size < 2) {
    return patterns;  // nothing to cut
  }
  std::mt19937_64 generator(hash_of(input));
  if (size <= kCutEverywhereBytes) {
    for (std::size_t at = 1; at < size; ++at) {
      patterns.push_back({at, size});
    }
    patterns.push_back(random_reads(size, 1, generator));  // one byte per read
    return patterns;
  }
  std::uniform_int_distribution<std::size_t> split(1, size - 1);
  for (int i = 0; i < kRandomSplits; ++i) {
    patterns.push_back({split(generator), size});
  }
  add_line_end_splits(input, patterns);
  patterns.push_back(random_reads(size, 16, generator));
  patterns.push_back(random_reads(size, 700, generator));
  return patterns;
}

}  // namespace statefun::fuzz
