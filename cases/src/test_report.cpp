// pytest-like console output.
#include <array>
#include <charconv>
#include <utility>

#include <statefun/cases/test_report.hpp>

namespace statefun::cases {

namespace {

constexpr std::size_t kWidth = 80;

/// "==== title ====" across the width, like pytest's section headers.
std::string banner(const std::string& title, char fill) {
  if (title.size() + 2 >= kWidth) {
    return std::string(3, fill) + " " + title + " " + std::string(3, fill);
  }
  const std::size_t left = (kWidth - title.size() - 2) / 2;
  const std::size_t right = kWidth - title.size() - 2 - left;
  return std::string(left, fill) + " " + title + " " + std::string(right, fill);
}

std::string qualified(const CaseResult& r) {
  return r.file + "::" + r.id;
}

std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

void print_failures(std::ostream& out, const std::vector<CaseResult>& results) {
  out << banner("FAILURES", '=') << "\n";
  for (const auto& r : results) {
    if (r.outcome != CaseResult::Outcome::failed) {
      continue;
    }
    out << banner(qualified(r), '_') << "\n";
    out << r.where.str() << "\n" << r.message;
    if (!r.message.ends_with('\n')) {
      out << "\n";
    }
    out << "\n";
  }
  out << banner("short test summary info", '=') << "\n";
  for (const auto& r : results) {
    if (r.outcome == CaseResult::Outcome::failed) {
      out << "FAILED " << qualified(r) << " - " << r.summary << "\n";
    }
  }
}

}  // namespace

RunTotals count_results(const std::vector<CaseResult>& results, std::size_t deselected) {
  RunTotals totals;
  totals.deselected = deselected;
  for (const auto& r : results) {
    switch (r.outcome) {
      case CaseResult::Outcome::passed:
        ++totals.passed;
        break;
      case CaseResult::Outcome::failed:
        ++totals.failed;
        break;
      case CaseResult::Outcome::skipped:
        ++totals.skipped;
        break;
    }
  }
  return totals;
}

std::string closing_line(const RunTotals& totals, std::chrono::duration<double> elapsed) {
  std::string line =
      std::to_string(totals.passed) + " passed, " + std::to_string(totals.failed) + " failed";
  if (totals.skipped > 0) {
    line += ", " + std::to_string(totals.skipped) + " skipped";
  }
  if (totals.deselected > 0) {
    line += ", " + std::to_string(totals.deselected) + " deselected";
  }
  std::array<char, 32> seconds{};
  char* end = std::to_chars(seconds.data(),
                            seconds.data() + seconds.size(),
                            elapsed.count(),
                            std::chars_format::fixed,
                            2)
                  .ptr;
  return line + " in " + std::string(seconds.data(), end) + "s";
}

void ConsoleReport::start(std::size_t selected, std::size_t deselected, std::size_t files) {
  out_ << "collected " << plural(selected + deselected, "case") << " from "
       << plural(files, "file");
  if (deselected > 0) {
    out_ << " (" << deselected << " deselected)";
  }
  out_ << "\n";
  if (!quiet_) {
    out_ << "\n";
  }
  out_.flush();
}

void ConsoleReport::case_done(const CaseResult& r) {
  if (quiet_) {
    static constexpr std::array<char, 3> kMarks = {'.', 'F', 's'};
    out_ << kMarks.at(static_cast<std::size_t>(r.outcome));
    if (++column_ == kWidth) {
      out_ << "\n";
      column_ = 0;
    }
  } else {
    static constexpr std::array<const char*, 3> kWords = {"PASSED", "FAILED", "SKIPPED"};
    out_ << qualified(r) << " " << kWords.at(static_cast<std::size_t>(r.outcome));
    if (r.outcome == CaseResult::Outcome::skipped && !r.message.empty()) {
      out_ << " (" << r.message << ")";
    }
    out_ << "\n";
  }
  out_.flush();
}

void ConsoleReport::finish(const std::vector<CaseResult>& results,
                           std::size_t deselected,
                           std::chrono::duration<double> elapsed) {
  if (quiet_ && column_ > 0) {
    out_ << "\n";
    column_ = 0;
  }
  const RunTotals totals = count_results(results, deselected);
  if (totals.failed > 0) {
    out_ << "\n";
    print_failures(out_, results);
  }
  out_ << closing_line(totals, elapsed) << "\n";
  out_.flush();
}

nlohmann::json results_to_json(const std::vector<CaseResult>& results,
                               std::size_t deselected,
                               std::chrono::duration<double> elapsed) {
  const RunTotals totals = count_results(results, deselected);
  nlohmann::json cases = nlohmann::json::array();
  for (const CaseResult& r : results) {
    const char* outcome = r.outcome == CaseResult::Outcome::passed    ? "passed"
                          : r.outcome == CaseResult::Outcome::skipped ? "skipped"
                                                                      : "failed";
    nlohmann::json item = {{"file", r.file},
                           {"id", r.id},
                           {"location", r.where.str()},
                           {"outcome", outcome},
                           {"seconds", std::chrono::duration<double>(r.duration).count()}};
    if (!r.message.empty()) {
      item["message"] = r.message;
    }
    if (r.unreachable) {
      item["unreachable"] = true;
    }
    cases.push_back(std::move(item));
  }
  return {{"passed", totals.passed},
          {"failed", totals.failed},
          {"skipped", totals.skipped},
          {"deselected", totals.deselected},
          {"seconds", elapsed.count()},
          {"cases", std::move(cases)}};
}

}  // namespace statefun::cases
