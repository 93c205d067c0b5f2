#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <ostream>
#include <string>

#include <statefun/load/report.hpp>

namespace statefun::load {

namespace {

constexpr int kTypeWidth = 8;

/// printf-style: the Locust summary's column layout is written in printf's width syntax.
std::string format(const char* pattern, auto... args) {
  std::array<char, 512> buffer{};
  std::snprintf(buffer.data(), buffer.size(), pattern, args...);  // NOLINT(*-pro-type-vararg)
  return buffer.data();
}

/// Milliseconds with two decimals while they fit in `width`, else whole milliseconds.
std::string ms(std::uint64_t micros, int width) {
  const double value = static_cast<double>(micros) / 1000.0;
  return value < 100 ? format("%*.2f", width, value) : format("%*.0f", width, value);
}

std::string ms(double micros, int width) {
  return ms(static_cast<std::uint64_t>(std::llround(micros)), width);
}

int name_width(const LoadResult& result) {
  std::size_t width = 24;
  for (const KindResult& kind : result.kinds) {
    width = std::max(width, kind.name.size() + 1);
  }
  return static_cast<int>(std::min<std::size_t>(width, 80));
}

std::string request_row(const KindResult& k, int width, double duration) {
  const double fail_ratio = k.requests == 0 ? 0.0 : 100.0 * k.failures / k.requests;
  const std::string fails =
      format("%llu(%.2f%%)", static_cast<unsigned long long>(k.failures), fail_ratio);
  return format("%-*s %-*s %7llu %12s |",
                kTypeWidth,
                k.method.c_str(),
                width,
                k.name.c_str(),
                static_cast<unsigned long long>(k.requests),
                fails.c_str()) +
         ms(k.latency.mean(), 7) + " " + ms(k.latency.min(), 7) + " " + ms(k.latency.max(), 7) +
         ms(k.latency.percentile(50), 7) +
         format(" | %7.2f %11.2f",
                duration > 0 ? k.requests / duration : 0.0,
                duration > 0 ? k.failures / duration : 0.0);
}

std::string percentile_row(const KindResult& k, int width) {
  std::string row = format("%-*s %-*s", kTypeWidth, k.method.c_str(), width + 4, k.name.c_str());
  for (const double p : kReportPercentiles) {
    row += " " + ms(k.latency.percentile(p), 6);
  }
  return row + format(" %6llu", static_cast<unsigned long long>(k.requests));
}

void print_requests(std::ostream& out, const LoadResult& result, int width) {
  out << format("%-*s %-*s %7s %12s |%7s %7s %7s%7s | %7s %11s",
                kTypeWidth,
                "Type",
                width,
                "Name",
                "# reqs",
                "# fails",
                "Avg",
                "Min",
                "Max",
                "Med",
                "req/s",
                "failures/s")
      << "\n";
  const std::string separator = std::string(kTypeWidth, '-') + "|" + std::string(width, '-') + "|" +
                                std::string(7, '-') + "|" + std::string(13, '-') + "|" +
                                std::string(7, '-') + "|" + std::string(7, '-') + "|" +
                                std::string(7, '-') + "|" + std::string(7, '-') + "|" +
                                std::string(8, '-') + "|" + std::string(11, '-');
  out << separator << "\n";
  for (const KindResult& kind : result.kinds) {
    out << request_row(kind, width, result.duration_s) << "\n";
  }
  out << separator << "\n" << request_row(result.total(), width, result.duration_s) << "\n\n";
}

void print_percentiles(std::ostream& out, const LoadResult& result, int width) {
  out << "Response time percentiles (approximated)\n";
  std::string header = format("%-*s %-*s", kTypeWidth, "Type", width + 4, "Name");
  for (const char* p :
       {"50%", "66%", "75%", "80%", "90%", "95%", "98%", "99%", "99.9%", "99.99%", "100%"}) {
    header += format(" %6s", p);
  }
  out << header << format(" %6s", "# reqs") << "\n";
  std::string separator = std::string(kTypeWidth, '-') + "|" + std::string(width + 4, '-');
  for (std::size_t i = 0; i <= kReportPercentiles.size(); ++i) {
    separator += "|" + std::string(6, '-');
  }
  out << separator << "\n";
  for (const KindResult& kind : result.kinds) {
    out << percentile_row(kind, width) << "\n";
  }
  out << separator << "\n" << percentile_row(result.total(), width) << "\n\n";
}

/// What went in through the requests and came out of the egress topic, side by side.
void print_pipeline(std::ostream& out, const LoadResult& result) {
  const EgressResult& egress = *result.egress;
  const KindResult total = result.total();
  const std::uint64_t taken = total.requests - total.failures;
  out << "Pipeline (requests in, egress records out)\n"
      << format("%-8s %12s %12s  %s", "", "count", "per second", "where") << "\n"
      << format("%-8s %12llu %12.1f  %s (%.2f s)",
                "in",
                static_cast<unsigned long long>(taken),
                result.duration_s > 0 ? static_cast<double>(taken) / result.duration_s : 0.0,
                result.url.c_str(),
                result.duration_s)
      << "\n"
      << format("%-8s %12llu %12.1f  %s (%.2f s, %.2f s after the last request)",
                "out",
                static_cast<unsigned long long>(egress.records),
                egress.rate(),
                egress.url.c_str(),
                egress.seconds,
                egress.drained_s)
      << "\n";
  if (egress.failures > 0) {
    out << format("%llu failed GETs of the egress, the first: ",
                  static_cast<unsigned long long>(egress.failures))
        << egress.failure << "\n";
  }
  out << "\n";
}

}  // namespace

void print_summary(std::ostream& out, const LoadResult& result) {
  const int width = name_width(result);
  print_requests(out, result, width);
  print_percentiles(out, result, width);
  if (result.egress) {
    print_pipeline(out, result);
  }
  if (result.failures.empty()) {
    return;
  }
  out << "Error report\n" << format("%-18s %s", "# occurrences", "Error") << "\n";
  const std::string separator = std::string(18, '-') + "|" + std::string(width + 61, '-');
  out << separator << "\n";
  for (const FailureRecord& f : result.failures) {
    const auto kind = std::find_if(
        result.kinds.begin(), result.kinds.end(), [&](const auto& k) { return k.name == f.name; });
    out << format("%-18llu ", static_cast<unsigned long long>(f.count))
        << (kind == result.kinds.end() ? std::string("POST") : kind->method) << " " << f.name
        << ": " << to_string(f.kind) << ": " << f.example << "\n";
  }
  out << separator << "\n\n";
}

std::string progress_line(const TimelinePoint& p, double elapsed_s) {
  return format("%5.0fs %12llu req %10.0f req/s  p50 ",
                elapsed_s,
                static_cast<unsigned long long>(p.total_requests),
                p.seconds > 0 ? p.requests / p.seconds : 0.0) +
         ms(p.percentiles[0], 0) + " ms  p99 " + ms(p.percentiles[7], 0) + " ms  " +
         format("%llu errors", static_cast<unsigned long long>(p.total_failures));
}

}  // namespace statefun::load
