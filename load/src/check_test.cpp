
#include <cstdint>
#include <initializer_list>
#include <stdexcept>

#include <gtest/gtest.h>

#include <statefun/load/check.hpp>

namespace statefun::load {
namespace {

LoadResult result_with(std::initializer_list<std::uint64_t> micros,
                       std::uint64_t failures,
                       double seconds) {
  LoadResult result;
  result.duration_s = seconds;
  KindResult kind{"k", "POST", 0, failures, 0, {}};
  for (const auto v : micros) {
    kind.latency.record(v);
  }
  kind.requests = kind.latency.count();
  result.kinds.push_back(kind);
  return result;
}

TEST(Check, ParsesMetricOperatorAndUnits) {
  const Check p99 = parse_check("p99<20ms");
  EXPECT_EQ(p99.metric, "p99");
  EXPECT_EQ(p99.op, "<");
  EXPECT_DOUBLE_EQ(p99.value, 20000);
  EXPECT_DOUBLE_EQ(parse_check("p99.9 <= 1.5s").value, 1'500'000);
  EXPECT_DOUBLE_EQ(parse_check("avg<300us").value, 300);
  EXPECT_DOUBLE_EQ(parse_check("max<7").value, 7000);
  EXPECT_DOUBLE_EQ(parse_check("error_rate<0.1%").value, 0.001);
  EXPECT_DOUBLE_EQ(parse_check("rps>=1000").value, 1000);
  EXPECT_EQ(parse_check("failures==0").op, "==");
}

TEST(Check, RejectsWhatIsNotAThreshold) {
  EXPECT_THROW(parse_check("p99"), std::invalid_argument);
  EXPECT_THROW(parse_check("latency<3ms"), std::invalid_argument);
  EXPECT_THROW(parse_check("p999<3ms"), std::invalid_argument);
  EXPECT_THROW(parse_check("rps>=fast"), std::invalid_argument);
  EXPECT_THROW(parse_check("rps>=10ms"), std::invalid_argument);
  EXPECT_THROW(parse_check("p99=3ms"), std::invalid_argument);
}

TEST(Check, EvaluatesOnTheAggregatedResult) {
  const LoadResult result = result_with({1000, 2000, 3000, 4000}, 1, 2.0);
  const auto outcomes = evaluate_checks(result,
                                        {parse_check("p50<=2.1ms"),
                                         parse_check("max<3ms"),
                                         parse_check("error_rate<10%"),
                                         parse_check("rps>=2")});
  ASSERT_EQ(outcomes.size(), 4U);
  EXPECT_TRUE(outcomes[0].passed);
  EXPECT_FALSE(outcomes[1].passed);
  EXPECT_EQ(outcomes[1].actual_text, "4.00ms");
  EXPECT_FALSE(outcomes[2].passed);  // 1 of 4 is 25%
  EXPECT_EQ(outcomes[2].actual_text, "25.000%");
  EXPECT_TRUE(outcomes[3].passed);
}

}  // namespace
}  // namespace statefun::load
