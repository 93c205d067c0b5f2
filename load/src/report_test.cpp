#include <cstdint>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <statefun/load/report.hpp>

namespace statefun::load {
namespace {

LoadResult sample_result() {
  LoadResult r;
  r.url = "http://127.0.0.1:8000/statefun";
  r.model = "closed";
  r.start_unix_ms = 1'700'000'000'000;
  r.duration_s = 2;
  KindResult kind{"greet, first", "POST", 0, 1, 400, {}};
  for (std::uint64_t v = 100; v < 1100; v += 250) {
    kind.latency.record(v);
  }
  kind.requests = kind.latency.count();
  r.kinds.push_back(kind);
  r.failures.push_back({"greet, first", FailureKind::status, 1, "HTTP 500 (expected 200): boom"});
  for (int s = 1; s <= 2; ++s) {
    TimelinePoint p;
    p.unix_ms = r.start_unix_ms + static_cast<std::int64_t>(s) * 1000;
    p.users = 20;
    p.requests = 2;
    p.failures = s == 2 ? 1 : 0;
    p.percentiles.fill(500);
    p.total_requests = std::uint64_t{2} * static_cast<std::uint64_t>(s);
    r.timeline.push_back(p);
  }
  return r;
}

std::string first_line(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

TEST(CsvReport, HeadersAreLocusts) {
  const LoadResult r = sample_result();
  EXPECT_EQ(first_line(stats_csv(r)),
            "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min "
            "Response Time,"
            "Max Response Time,Average Content "
            "Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,"
            "99.99%,100%");
  EXPECT_EQ(first_line(stats_history_csv(r)),
            "Timestamp,User "
            "Count,Type,Name,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,"
            "100%,Total Request Count,Total Failure Count,Total Median Response Time,Total Average "
            "Response Time,"
            "Total Min Response Time,Total Max Response Time,Total Average Content Size");
  EXPECT_EQ(first_line(failures_csv(r)), "Method,Name,Error,Occurrences");
  EXPECT_EQ(exceptions_csv(r), "Count,Message,Traceback,Nodes\n");
}

TEST(CsvReport, RowsHoldTheNumbersInMilliseconds) {
  const std::string stats = stats_csv(sample_result());
  EXPECT_NE(stats.find("\nPOST,\"greet, first\",4,1,0.35,0.475,0.1,0.85,100,2,0.5,"),
            std::string::npos)
      << stats;
  EXPECT_NE(stats.find("\n,Aggregated,4,1,"), std::string::npos);
  const std::string history = stats_history_csv(sample_result());
  EXPECT_NE(history.find("\n1700000001,20,,Aggregated,2,0,0.5,"), std::string::npos) << history;
  EXPECT_NE(failures_csv(sample_result())
                .find("POST,\"greet, first\",status: HTTP 500 (expected 200): boom,1"),
            std::string::npos);
}

TEST(Summary, HasLocustsTablesAndTheErrorReport) {
  std::ostringstream out;
  print_summary(out, sample_result());
  const std::string text = out.str();
  EXPECT_TRUE(text.starts_with("Type     Name"));
  EXPECT_NE(text.find("# reqs      # fails |    Avg     Min     Max    Med |   req/s  failures/s"),
            std::string::npos);
  EXPECT_NE(text.find("Aggregated"), std::string::npos);
  EXPECT_NE(text.find("Response time percentiles (approximated)"), std::string::npos);
  EXPECT_NE(text.find("Error report"), std::string::npos);
  EXPECT_NE(text.find("status: HTTP 500 (expected 200): boom"), std::string::npos);
}

LoadResult pipeline_result() {
  LoadResult r = sample_result();
  r.url = "http://127.0.0.1:8090";
  r.kinds[0].method = "PUT";
  r.egress = EgressResult{
      "http://127.0.0.1:8091/greetings", 3, 1, "HTTP 503 from the egress", 2.5, 0.5, {2, 0, 1}};
  return r;
}

TEST(Summary, ShowsWhatWentInAndWhatTheEgressGave) {
  std::ostringstream out;
  print_summary(out, pipeline_result());
  const std::string text = out.str();
  EXPECT_NE(text.find("PUT      greet, first"), std::string::npos) << text;
  EXPECT_NE(text.find("Pipeline (requests in, egress records out)"), std::string::npos);
  EXPECT_NE(text.find("in                  3          1.5  http://127.0.0.1:8090 (2.00 s)"),
            std::string::npos)
      << text;
  EXPECT_NE(
      text.find("out                 3          1.2  http://127.0.0.1:8091/greetings (2.50 s, "
                "0.50 s after the last request)"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("1 failed GETs of the egress, the first: HTTP 503 from the egress"),
            std::string::npos);
  EXPECT_NE(text.find("PUT greet, first: status:"), std::string::npos);  // the error report
}

TEST(ResultJson, TheEgressRoundTripsAndMergesSecondBySecond) {
  const LoadResult r = pipeline_result();
  const LoadResult back = result_from_json(to_json(r));
  EXPECT_EQ(to_json(back), to_json(r));
  LoadResult shorter = r;
  shorter.egress->per_second = {5};
  const LoadResult merged = merge_results({r, shorter});
  ASSERT_TRUE(merged.egress.has_value());
  EXPECT_EQ(merged.egress->records, 6U);
  EXPECT_EQ(merged.egress->per_second, (std::vector<std::uint64_t>{7, 0, 1}));
  EXPECT_FALSE(merge_results({sample_result()}).egress.has_value());
}

TEST(ResultJson, RoundTripsAndMerges) {
  const LoadResult r = sample_result();
  const LoadResult back = result_from_json(to_json(r));
  EXPECT_EQ(to_json(back), to_json(r));
  const LoadResult merged = merge_results({r, back});
  EXPECT_EQ(merged.runs, 2U);
  ASSERT_EQ(merged.kinds.size(), 1U);
  EXPECT_EQ(merged.kinds[0].requests, 8U);
  EXPECT_EQ(merged.kinds[0].latency.percentile(50), r.kinds[0].latency.percentile(50));
  EXPECT_EQ(merged.failures[0].count, 2U);
  ASSERT_EQ(merged.timeline.size(), 2U);
  EXPECT_EQ(merged.timeline[1].requests, 4U);
  EXPECT_EQ(merged.timeline[1].total_requests, 8U);
  EXPECT_DOUBLE_EQ(merged.timeline[0].users, 40);
  EXPECT_THROW(result_from_json({{"format", "other"}}), std::invalid_argument);
}

TEST(ProgressLine, ShowsRequestsRateLatencyAndErrors) {
  TimelinePoint p;
  p.requests = 4017;
  p.total_requests = 48213;
  p.percentiles.fill(410);
  p.percentiles[7] = 1200;
  p.total_failures = 3;
  const std::string line = progress_line(p, 12);
  EXPECT_NE(line.find("48213 req"), std::string::npos) << line;
  EXPECT_NE(line.find("4017 req/s"), std::string::npos) << line;
  EXPECT_NE(line.find("p50 0.41 ms"), std::string::npos) << line;
  EXPECT_NE(line.find("p99 1.20 ms"), std::string::npos) << line;
  EXPECT_NE(line.find("3 errors"), std::string::npos) << line;
}

}  // namespace
}  // namespace statefun::load
