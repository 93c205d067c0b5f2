// Check 4 of issue 6: the built-in types (bool, int, long, float, double, string and their
// zero values) encoded by the JS SDK decode identically with the C++ SDK, and the other way
// round; the bytes are compared too, since these encodings are canonical (one field, proto3
// zero values left out, fixed widths).
#include <cstdint>
#include <exception>
#include <functional>
#include <initializer_list>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <statefun/types.hpp>

#include "peers.hpp"

namespace statefun::interop {
namespace {

using nlohmann::json;

std::string to_hex(std::string_view bytes) {
  static constexpr std::string_view kDigits = "0123456789abcdef";
  std::string hex;
  for (const char c : bytes) {
    hex += kDigits[static_cast<unsigned char>(c) >> 4];
    hex += kDigits[static_cast<unsigned char>(c) & 15];
  }
  return hex;
}

std::string from_hex(std::string_view hex) {
  std::string bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  }
  return bytes;
}

/// A built-in type seen through JSON values: the C++ SDK's serializer and deserializer.
struct Codec {
  std::function<std::string(const json&)> encode;
  std::function<json(std::string_view)> decode;
};

template <typename T, typename Json = T>
Codec codec(const Type<T>& type) {
  return {[&type](const json& v) { return type.serialize(static_cast<T>(v.get<Json>())); },
          [&type](std::string_view b) { return json(static_cast<Json>(type.deserialize(b))); }};
}

const std::map<std::string, Codec>& codecs() {
  static const std::map<std::string, Codec> all{
      {"io.statefun.types/bool", codec(bool_type())},
      {"io.statefun.types/int", codec(int_type())},
      {"io.statefun.types/long", codec(long_type())},
      {"io.statefun.types/float", codec<float, double>(float_type())},
      {"io.statefun.types/double", codec(double_type())},
      {"io.statefun.types/string", codec(string_type())},
  };
  return all;
}

/// The lines a js_types.js command printed, parsed.
std::vector<json> js_lines(const std::string& mode, const std::string& input = {}) {
  const test::RunResult result = run_node("js_types.js", {mode}, input);
  EXPECT_EQ(result.exit_code, 0) << "js_types.js " << mode << ": " << result.err;
  std::vector<json> lines;
  std::istringstream out(result.out);
  for (std::string line; std::getline(out, line);) {
    lines.push_back(json::parse(line));
  }
  return lines;
}

TEST(InteropBuiltinTypes, JsEncodedValuesDecodeIdenticallyInCpp) {
  const auto lines = js_lines("encode");
  ASSERT_FALSE(lines.empty());
  for (const json& line : lines) {
    SCOPED_TRACE("JS SDK: " + line.dump());
    const auto codec = codecs().find(line["typename"]);
    ASSERT_NE(codec, codecs().end());
    const std::string hex = line["hex"];
    try {
      EXPECT_EQ(codec->second.decode(from_hex(hex)), line["value"]) << "decoded by the C++ SDK";
    } catch (const std::exception& e) {
      ADD_FAILURE() << "the C++ SDK cannot decode " << hex << ": " << e.what();
    }
    EXPECT_EQ(to_hex(codec->second.encode(line["value"])), hex) << "encoded by the C++ SDK";
  }
}

TEST(InteropBuiltinTypes, TheJsCorpusHasEveryTypeWithItsZeroValueAsNoBytes) {
  std::set<std::string> types;
  std::set<std::string> zero_values;
  for (const json& line : js_lines("encode")) {
    types.insert(line["typename"]);
    if (line["hex"].get<std::string>().empty()) {
      zero_values.insert(line["typename"]);
      EXPECT_TRUE(line["value"] == 0 || line["value"] == false || line["value"] == json(""))
          << line.dump();
    }
  }
  std::set<std::string> all;
  for (const auto& [name, codec] : codecs()) {
    all.insert(name);
  }
  EXPECT_EQ(types, all);
  EXPECT_EQ(zero_values, all);
}

/// Values the C++ SDK encodes for the JS SDK to decode: extremes, zero values, denormals,
/// strings with multi-byte characters, control characters and a two-byte length.
std::vector<std::pair<std::string, json>> cpp_corpus() {
  constexpr std::int64_t kMaxSafe = (std::int64_t{1} << 53) - 1;  // exact as a JS number
  std::vector<std::pair<std::string, json>> corpus;
  const auto add = [&](const char* type, std::initializer_list<json> values) {
    for (const json& v : values) {
      corpus.emplace_back(std::string("io.statefun.types/") + type, v);
    }
  };
  add("bool", {true, false});
  add("int",
      {0,
       1,
       -1,
       1000,
       std::numeric_limits<std::int32_t>::max(),
       std::numeric_limits<std::int32_t>::min()});
  add("long", {0, 1, -1, std::int64_t{1} << 31, std::int64_t{1} << 40, kMaxSafe, -kMaxSafe});
  add("float",
      {0.0,
       1.0,
       -1.5,
       static_cast<double>(0.1F),
       static_cast<double>(std::numeric_limits<float>::max()),
       static_cast<double>(std::numeric_limits<float>::denorm_min())});
  add("double", {0.0, 1.0, -1.5, 0.1, 1e300, std::numeric_limits<double>::denorm_min()});
  add("string",
      {"", "hi", "héllo ✓ 李雷 🚀", std::string(300, 'x'), std::string("nul \0 tab\t\"q\"", 13)});
  return corpus;
}

TEST(InteropBuiltinTypes, CppEncodedValuesDecodeIdenticallyInJs) {
  const auto corpus = cpp_corpus();
  std::string input;
  for (const auto& [type, value] : corpus) {
    input +=
        json{{"typename", type}, {"hex", to_hex(codecs().at(type).encode(value))}}.dump() + "\n";
  }
  const auto lines = js_lines("decode", input);
  ASSERT_EQ(lines.size(), corpus.size()) << input;
  for (std::size_t i = 0; i < corpus.size(); ++i) {
    const auto& [type, value] = corpus[i];
    SCOPED_TRACE("C++ SDK: " + type + " " + value.dump() + " -> " + lines[i]["hex"].dump());
    EXPECT_EQ(lines[i]["typename"], type);
    EXPECT_EQ(lines[i]["value"], value) << "decoded by the JS SDK";
  }
}

}  // namespace
}  // namespace statefun::interop
