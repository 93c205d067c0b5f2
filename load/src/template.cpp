#include <algorithm>
#include <array>
#include <charconv>
#include <stdexcept>
#include <system_error>

#include <statefun/load/template.hpp>

namespace statefun::load {

namespace {

std::uint64_t rotl(std::uint64_t x, int k) noexcept {
  return (x << k) | (x >> (64 - k));
}

std::uint64_t splitmix(std::uint64_t& x) noexcept {
  std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/// Splits "a b 'c d'" into words; double or single quotes group words.
std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> result;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ') {
      ++i;
      continue;
    }
    if (text[i] == '"' || text[i] == '\'') {
      const auto end = text.find(text[i], i + 1);
      if (end == std::string_view::npos) {
        throw std::invalid_argument("unclosed quote in {{" + std::string(text) + "}}");
      }
      result.emplace_back(text.substr(i + 1, end - i - 1));
      i = end + 1;
      continue;
    }
    const auto end = std::min(text.find(' ', i), text.size());
    result.emplace_back(text.substr(i, end - i));
    i = end;
  }
  return result;
}

std::int64_t to_int(const std::string& word, std::string_view placeholder) {
  std::int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(word.data(), word.data() + word.size(), value);
  if (ec != std::errc() || ptr != word.data() + word.size()) {
    throw std::invalid_argument("'" + word + "' is not an integer in {{" +
                                std::string(placeholder) + "}}");
  }
  return value;
}

void append_int(std::string& out, std::int64_t value) {
  std::array<char, 24> buffer{};
  const auto [ptr, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  out.append(buffer.data(), ptr);
}

void append_uuid(std::string& out, Random& random) {
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::uint64_t hi = random.next();
  std::uint64_t lo = random.next();
  hi = (hi & ~0xF000ULL) | 0x4000ULL;                         // version 4
  lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;  // variant 10
  std::array<char, 36> text{};
  std::size_t pos = 0;
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) {
      text[pos++] = '-';
    }
    const std::uint64_t word = i < 16 ? hi : lo;
    text[pos++] = kHex[(word >> (60 - 4 * (i % 16))) & 0xF];
  }
  out.append(text.data(), text.size());
}

}  // namespace

Random::Random(std::uint64_t seed) noexcept {
  for (auto& s : s_) {
    s = splitmix(seed);
  }
}

std::uint64_t Random::next() noexcept {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

std::int64_t Random::between(std::int64_t low, std::int64_t high) noexcept {
  if (high <= low) {
    return low;
  }
  // In unsigned arithmetic: high - low overflows int64 when the range spans more than half.
  const std::uint64_t span = static_cast<std::uint64_t>(high) - static_cast<std::uint64_t>(low) + 1;
  const std::uint64_t offset = span == 0 ? next() : next() % span;  // span 0: all 2^64 values
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(low) + offset);
}

Template::Template(std::string_view text) : source_(text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto open = text.find("{{", pos);
    if (open == std::string_view::npos) {
      parts_.push_back({Kind::literal, std::string(text.substr(pos)), 0, 0, {}});
      break;
    }
    if (open > pos) {
      parts_.push_back({Kind::literal, std::string(text.substr(pos, open - pos)), 0, 0, {}});
    }
    const auto close = text.find("}}", open + 2);
    if (close == std::string_view::npos) {
      throw std::invalid_argument("unclosed {{ in '" + std::string(text) + "'");
    }
    parts_.push_back(compile(text.substr(open + 2, close - open - 2)));
    pos = close + 2;
  }
}

Template Template::literal(std::string_view text) {
  Template t;
  t.source_ = text;
  t.parts_.push_back({Kind::literal, std::string(text), 0, 0, {}});
  return t;
}

Template::Part Template::compile(std::string_view placeholder) {
  const auto w = words(placeholder);
  const std::string name = w.empty() ? "" : w[0];
  const auto usage = [&](const char* form) {
    return std::invalid_argument("{{" + std::string(placeholder) + "}}: expected " + form);
  };
  if (name == "randint") {
    if (w.size() != 3) {
      throw usage("{{randint LOW HIGH}}");
    }
    const auto low = to_int(w[1], placeholder);
    const auto high = to_int(w[2], placeholder);
    if (high < low) {
      throw usage("LOW <= HIGH");
    }
    return {Kind::randint, {}, low, high, {}};
  }
  if (name == "choice") {
    if (w.size() < 2) {
      throw usage("{{choice A B ...}}");
    }
    return {Kind::choice, {}, 0, 0, std::vector<std::string>(w.begin() + 1, w.end())};
  }
  if (name == "seq" || name == "uuid") {
    if (w.size() != 1) {
      throw usage(name == "seq" ? "{{seq}}" : "{{uuid}}");
    }
    return {name == "seq" ? Kind::seq : Kind::uuid, {}, 0, 0, {}};
  }
  if (name == "randstr") {
    if (w.size() != 2 || to_int(w[1], placeholder) < 1 || to_int(w[1], placeholder) > kMaxRandstr) {
      throw usage("{{randstr N}} with 1 <= N <= 1048576");
    }
    return {Kind::randstr, {}, to_int(w[1], placeholder), 0, {}};
  }
  throw std::invalid_argument("unknown placeholder {{" + std::string(placeholder) +
                              "}}: use randint, choice, seq, uuid or randstr");
}

void Template::render_to(std::string& out, const RenderContext& context) const {
  static constexpr std::string_view kAlnum =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  for (const Part& part : parts_) {
    switch (part.kind) {
      case Kind::literal:
        out.append(part.text);
        break;
      case Kind::randint:
        append_int(out, context.random.between(part.low, part.high));
        break;
      case Kind::choice:
        out.append(part.choices[context.random.next() % part.choices.size()]);
        break;
      case Kind::seq:
        append_int(out, static_cast<std::int64_t>(context.sequence));
        break;
      case Kind::uuid:
        append_uuid(out, context.random);
        break;
      case Kind::randstr:
        for (std::int64_t i = 0; i < part.low; ++i) {
          out.push_back(kAlnum[context.random.next() % kAlnum.size()]);
        }
        break;
    }
  }
}

std::string Template::render(const RenderContext& context) const {
  std::string out;
  render_to(out, context);
  return out;
}

}  // namespace statefun::load
