// The ways the HTTP fuzz targets cut an input into reads, chosen from the input itself so that
// a replayed input is cut exactly as when libFuzzer found it.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace statefun::fuzz {

/// Every cut of an input this short is tried: each single split point, and one byte per read.
inline constexpr std::size_t kCutEverywhereBytes = 256;

/// Read patterns for `input`, each the ends of its reads (strictly ascending, the last one
/// input.size()), the whole input in one read excluded: up to kCutEverywhereBytes bytes every
/// split in two and one byte per read; beyond, 24 random split points, splits around the first
/// line feeds, and two runs of reads of random sizes, drawn with a generator seeded with a hash
/// of the input.
std::vector<std::vector<std::size_t>> read_patterns(std::string_view input);

}  // namespace statefun::fuzz
