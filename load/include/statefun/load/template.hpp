// Template: text with per-request values, compiled once and rendered cheaply for each request.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace statefun::load {

/// The longest {{randstr N}}: a request is built for every send, so N bounds its cost.
inline constexpr std::int64_t kMaxRandstr = std::int64_t{1} << 20;

/// A fast random generator (xoshiro256**), one per thread.
class Random {
 public:
  explicit Random(std::uint64_t seed) noexcept;

  std::uint64_t next() noexcept;

  /// Uniform in [low, high].
  std::int64_t between(std::int64_t low, std::int64_t high) noexcept;

 private:
  std::array<std::uint64_t, 4> s_{};
};

/// What a template needs from its caller for one rendering.
struct RenderContext {
  Random& random;
  std::uint64_t sequence;  ///< the request's sequence number, unique across threads
};

/// Text with placeholders, compiled once:
///   {{randint LOW HIGH}}  a random integer in [LOW, HIGH]
///   {{choice A B C}}      one of the words, uniformly ("quoted words" may hold spaces)
///   {{seq}}               the request's sequence number (0, 1, 2, ... across all threads)
///   {{uuid}}              a random version-4 UUID
///   {{randstr N}}         N random letters and digits (N at most kMaxRandstr, 1 MiB)
/// Anything else is literal text. Throws std::invalid_argument with a one-line reason for an
/// unknown or malformed placeholder.
///
/// Example:
///   Template t(R"({"name":"{{choice Ann Bob}}","visits":{{randint 1 3}}})");
///   std::string out;
///   t.render_to(out, context);  // {"name":"Bob","visits":2}
class Template {
 public:
  Template() = default;
  explicit Template(std::string_view text);

  /// A template that renders `text` as it is, braces included.
  static Template literal(std::string_view text);

  /// Appends one rendering to `out` (no allocation once `out` has grown enough).
  void render_to(std::string& out, const RenderContext& context) const;

  /// One rendering as a new string.
  std::string render(const RenderContext& context) const;

  /// True when the text has no placeholder.
  bool is_literal() const noexcept {
    return parts_.size() <= 1 && (parts_.empty() || parts_[0].kind == Kind::literal);
  }

  /// The source text.
  const std::string& source() const noexcept { return source_; }

 private:
  enum class Kind { literal, randint, choice, seq, uuid, randstr };

  struct Part {
    Kind kind = Kind::literal;
    std::string text;                  ///< literal text
    std::int64_t low = 0, high = 0;    ///< randint bounds; randstr length in low
    std::vector<std::string> choices;  ///< choice words
  };

  static Part compile(std::string_view placeholder);

  std::string source_;
  std::vector<Part> parts_;
};

}  // namespace statefun::load
