// The examples of the load engine's public headers, compiled and run
// (scripts/check-header-examples checks that every header example appears here, line for line).
#include <chrono>
#include <cstdint>
#include <string>

#include <gtest/gtest.h>

#include <statefun/load/check.hpp>
#include <statefun/load/engine.hpp>
#include <statefun/load/histogram.hpp>
#include <statefun/load/request_kind.hpp>
#include <statefun/load/template.hpp>

namespace statefun::load {
namespace {

TEST(HeaderExamples, Check) {
  Check c = parse_check("p99<20ms");  // metric "p99", op "<", value 20000
  EXPECT_EQ(c.metric, "p99");
  EXPECT_EQ(c.op, "<");
  EXPECT_DOUBLE_EQ(c.value, 20000);
}

TEST(HeaderExamples, Histogram) {
  Histogram h;
  h.record(1520);
  std::uint64_t p99 = h.percentile(99.0);  // microseconds
  EXPECT_NEAR(static_cast<double>(p99), 1520, 1520 * 0.01);
}

TEST(HeaderExamples, RequestKinds) {
  RequestKind k;
  k.name = "greet";
  k.function_type = "example/greeter";
  k.id = Template("{{choice Ann Bob}}");
  k.arguments.push_back({"example/GreetRequest", Template(R"({"visits":{{randint 1 3}}})")});
  EXPECT_EQ(sample_request(k).invocations.size(), 1U);

  protocol::RequestSpec spec;
  spec.address = "example/greeter/{{choice Ann Bob}}";
  spec.type = "example/GreetRequest";
  spec.values = {R"({"name":"Ann","visits":{{randint 1 3}}})"};
  RequestKind kind = kind_from_spec(spec);
  EXPECT_FALSE(kind.id.is_literal());
}

TEST(HeaderExamples, Template) {
  Random random(7);
  const RenderContext context{random, 0};
  Template t(R"({"name":"{{choice Ann Bob}}","visits":{{randint 1 3}}})");
  std::string out;
  t.render_to(out, context);  // {"name":"Bob","visits":2}
  EXPECT_TRUE(out.starts_with(R"({"name":")")) << out;
}

/// Compiled, not run: it needs the greeter on port 8000.
[[maybe_unused]] LoadResult load_the_greeter(const RequestKind& greet_kind) {
  LoadConfig config;
  config.url = "http://127.0.0.1:8000/statefun";
  config.users = 20;
  config.duration = std::chrono::seconds(10);
  LoadResult result = run_load(config, {greet_kind});
  return result;
}

}  // namespace
}  // namespace statefun::load
