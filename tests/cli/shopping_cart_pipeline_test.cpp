// The shopping cart's pipeline tests (examples/shopping-cart/pipeline.test.yaml) through the
// built sft, against the built shopping-cart service on 127.0.0.1, port 0.
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "process.hpp"

namespace statefun {
namespace {

using testing::HasSubstr;

TEST(ShoppingCartPipeline, EveryCaseOfItsPipelineFilePasses) {
  const test::ServerProcess service(std::vector<std::string>{
      SHOPPING_CART_BINARY, "--address", "127.0.0.1", "--port", "0", "--threads", "1"});
  const test::RunResult r =
      test::run({SFT_BINARY, "test", SHOPPING_CART_PIPELINE_FILE, "--url", service.url()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("collected 6 cases from 1 file\n"));
  EXPECT_THAT(r.out, HasSubstr("::an item in stock moves from the stock into the basket PASSED"));
  EXPECT_THAT(r.out, HasSubstr("::the last item goes to exactly one of two carts PASSED"));
  EXPECT_THAT(r.out, HasSubstr("6 passed, 0 failed"));
}

}  // namespace
}  // namespace statefun
