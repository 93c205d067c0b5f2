// Fuzz target: the payload templates of `sft load` (statefun::load::Template): compiling a text,
// then rendering it with a fixed-seed random source.
// Oracle: compiling throws nothing but std::invalid_argument with a reason; a compiled template
// keeps its source, renders the same text from the same seed and sequence number, appends to
// what the output held, and renders a text without "{{" as it is; Template::literal renders any
// text as it is.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <statefun/load/template.hpp>

#include "fuzz_target.hpp"

namespace {

using statefun::fuzz::report_finding;
using statefun::load::Random;
using statefun::load::Template;

constexpr std::uint64_t kSeed = 42;
constexpr std::uint64_t kSequence = 7;
/// Beyond this many {{randstr N}} (up to 1 MiB each) a text is compiled but not rendered: the
/// fuzzer would spend its time writing random letters.
constexpr std::size_t kMaxRenderedRandstr = 8;

std::optional<Template> compile(std::string_view text) {
  try {
    return Template(text);
  } catch (const std::invalid_argument& e) {
    if (std::string_view(e.what()).empty()) {
      report_finding("an std::invalid_argument without a reason");
    }
  } catch (const std::exception& e) {
    report_finding(std::string("Template threw an exception other than std::invalid_argument: ") +
                   e.what());
  }
  return std::nullopt;
}

std::string render(const Template& t) {
  Random random(kSeed);
  return t.render({random, kSequence});
}

std::size_t count(std::string_view text, std::string_view word) {
  std::size_t n = 0;
  for (std::size_t at = text.find(word); at != std::string_view::npos;
       at = text.find(word, at + 1)) {
    ++n;
  }
  return n;
}

void check_rendering(const Template& t, std::string_view text) {
  const std::string first = render(t);
  if (render(t) != first) {
    report_finding("two renderings with the same seed differ");
  }
  std::string appended = "prefix";
  Random random(kSeed);
  t.render_to(appended, {random, kSequence});
  if (appended != "prefix" + first) {
    report_finding("render_to does not append the rendering");
  }
  if (text.find("{{") == std::string_view::npos && (first != text || !t.is_literal())) {
    report_finding("a text without placeholders does not render as it is");
  }
}

}  // namespace

// NOLINTNEXTLINE(readability-identifier-naming): the name libFuzzer calls
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = statefun::fuzz::bytes_of(data, size);
  if (render(Template::literal(text)) != text) {
    report_finding("Template::literal does not render its text as it is");
  }
  const std::optional<Template> t = compile(text);
  if (!t) {
    return 0;
  }
  if (t->source() != text) {
    report_finding("the template's source is not its text");
  }
  if (count(text, "randstr") <= kMaxRenderedRandstr) {
    check_rendering(*t, text);
  }
  return 0;
}
