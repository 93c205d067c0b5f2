// Locust 2.12's CSV files, with the same names and headers.
#include <array>
#include <charconv>
#include <cstdint>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>

#include <statefun/load/report.hpp>

namespace statefun::load {

namespace {

const char* const kPercentileHeaders = "50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%";

std::string field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    return std::string(text);
  }
  std::string quoted = "\"";
  for (const char c : text) {
    quoted += c == '"' ? "\"\"" : std::string(1, c);
  }
  return quoted + "\"";
}

std::string number(double value) {
  std::array<char, 64> buffer{};
  const auto result = std::to_chars(
      buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::fixed, 3);
  std::string text(buffer.data(), result.ptr);
  text.erase(text.find_last_not_of('0') + 1);  // 1.500 -> 1.5, 2.000 -> 2.
  if (text.back() == '.') {
    text.pop_back();
  }
  return text;
}

std::string ms(double micros) {
  return number(micros / 1000.0);
}

std::string stats_row(const KindResult& k, double duration, bool aggregated) {
  const double seconds = duration > 0 ? duration : 1;
  std::string row =
      field(aggregated ? "" : k.method) + "," + field(k.name) + "," + std::to_string(k.requests) +
      "," + std::to_string(k.failures) + "," + ms(k.latency.percentile(50)) + "," +
      ms(k.latency.mean()) + "," + ms(k.latency.min()) + "," + ms(k.latency.max()) + "," +
      number(k.requests == 0 ? 0.0 : static_cast<double>(k.content_bytes) / k.requests) + "," +
      number(k.requests / seconds) + "," + number(k.failures / seconds);
  for (const double p : kReportPercentiles) {
    row += "," + (k.requests == 0 ? std::string("N/A") : ms(k.latency.percentile(p)));
  }
  return row + "\n";
}

}  // namespace

std::string stats_csv(const LoadResult& result) {
  std::string csv =
      std::string(
          "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,"
          "Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,") +
      kPercentileHeaders + "\n";
  for (const KindResult& kind : result.kinds) {
    csv += stats_row(kind, result.duration_s, false);
  }
  return csv + stats_row(result.total(), result.duration_s, true);
}

std::string stats_history_csv(const LoadResult& result) {
  std::string csv = std::string("Timestamp,User Count,Type,Name,Requests/s,Failures/s,") +
                    kPercentileHeaders +
                    ",Total Request Count,Total Failure Count,Total Median Response Time,"
                    "Total Average Response Time,Total Min Response Time,Total Max Response Time,"
                    "Total Average Content Size\n";
  for (const TimelinePoint& p : result.timeline) {
    const double seconds = p.seconds > 0 ? p.seconds : 1;
    csv += std::to_string(p.unix_ms / 1000) + "," + number(p.users) + ",,Aggregated," +
           number(p.requests / seconds) + "," + number(p.failures / seconds);
    for (const std::uint64_t value : p.percentiles) {
      csv += "," + (p.requests == 0 ? std::string("N/A") : ms(static_cast<double>(value)));
    }
    csv += "," + std::to_string(p.total_requests) + "," + std::to_string(p.total_failures) + "," +
           ms(static_cast<double>(p.total_median)) + "," + ms(p.total_mean) + "," +
           ms(static_cast<double>(p.total_min)) + "," + ms(static_cast<double>(p.total_max)) + "," +
           number(p.total_content_size) + "\n";
  }
  return csv;
}

std::string failures_csv(const LoadResult& result) {
  std::string csv = "Method,Name,Error,Occurrences\n";
  for (const FailureRecord& f : result.failures) {
    csv += "POST," + field(f.name) + "," +
           field(std::string(to_string(f.kind)) + ": " + f.example) + "," +
           std::to_string(f.count) + "\n";
  }
  return csv;
}

std::string exceptions_csv(const LoadResult& /*result*/) {
  return "Count,Message,Traceback,Nodes\n";
}

void write_text_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    throw std::runtime_error("cannot write '" + path + "'");
  }
}

void write_csv_files(const std::string& prefix, const LoadResult& result) {
  write_text_file(prefix + "_stats.csv", stats_csv(result));
  write_text_file(prefix + "_stats_history.csv", stats_history_csv(result));
  write_text_file(prefix + "_failures.csv", failures_csv(result));
  write_text_file(prefix + "_exceptions.csv", exceptions_csv(result));
}

}  // namespace statefun::load
