#include "compiled_regex.hpp"

#include <memory>
#include <mutex>
#include <unordered_map>

#include <re2/re2.h>

namespace statefun::cases::detail {

namespace {

/// Every pattern seen, compiled, for the life of the process: patterns come from test files,
/// whose size is bounded, and cases of several threads share them.
class RegexCache {
 public:
  static RegexCache& instance() {
    static RegexCache cache;
    return cache;
  }

  /// The compiled pattern (ok() false when it does not compile); valid for the process.
  const re2::RE2& get(const std::string& pattern) {
    const std::lock_guard lock(mutex_);
    auto& slot = compiled_[pattern];
    if (!slot) {
      re2::RE2::Options options;
      options.set_log_errors(false);
      slot = std::make_unique<re2::RE2>(pattern, options);
    }
    return *slot;
  }

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, std::unique_ptr<re2::RE2>> compiled_;
};

}  // namespace

std::string regex_error(const std::string& pattern) {
  const re2::RE2& re = RegexCache::instance().get(pattern);
  return re.ok() ? "" : re.error();
}

bool regex_finds(const std::string& pattern, std::string_view text) {
  const re2::RE2& re = RegexCache::instance().get(pattern);
  return re.ok() && re2::RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), re);
}

}  // namespace statefun::cases::detail
