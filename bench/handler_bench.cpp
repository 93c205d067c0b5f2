// The request-reply handler on the greeter's requests: what one invocation costs without HTTP.

#include <string>
#include <utility>

#include <benchmark/benchmark.h>

#include <statefun/protocol/json_form.hpp>
#include <statefun/protocol/request.hpp>

#include "greeter.hpp"

namespace {

using statefun::protocol::make_typed_value;
using statefun::protocol::RequestBuilder;

statefun::RequestReplyHandler make_handler() {
  statefun::StatefulFunctions functions;
  greeter::bind_functions(functions);
  return statefun::RequestReplyHandler(std::move(functions));
}

void run(benchmark::State& state, const std::string& request) {
  const auto handler = make_handler();
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::string reply = handler.handle(request);
    bytes += reply.size();
    benchmark::DoNotOptimize(reply);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["reply_bytes"] =
      static_cast<double>(bytes) / static_cast<double>(state.iterations());
}

/// The reference request: example/greeter/George, GreetRequest {"name":"George","visits":3}.
void BM_GreeterVisits3(benchmark::State& state) {
  run(state,
      RequestBuilder("example/greeter/George")
          .with_invocation(
              make_typed_value("example/GreetRequest", {{"name", "George"}, {"visits", 3}}))
          .bytes());
}

/// example/person/George with visits=2: a state read, a write and a message.
void BM_PersonVisits2(benchmark::State& state) {
  run(state,
      RequestBuilder("example/person/George")
          .with_state("visits", statefun::int_type(), 2)
          .with_invocation(make_typed_value("example/GreetRequest", {{"name", "George"}}))
          .bytes());
}

/// example/person/George without state: the missing-state answer.
void BM_PersonMissingState(benchmark::State& state) {
  run(state,
      RequestBuilder("example/person/George")
          .with_invocation(make_typed_value("example/GreetRequest", {{"name", "George"}}))
          .bytes());
}

/// A batch of ten greetings in one request.
void BM_GreeterBatchOf10(benchmark::State& state) {
  RequestBuilder builder("example/greeter/George");
  for (int i = 1; i <= 10; ++i) {
    builder.with_invocation(
        make_typed_value("example/GreetRequest", {{"name", "George"}, {"visits", i}}));
  }
  run(state, builder.bytes());
}

BENCHMARK(BM_GreeterVisits3);
BENCHMARK(BM_PersonVisits2);
BENCHMARK(BM_PersonMissingState);
BENCHMARK(BM_GreeterBatchOf10);

}  // namespace

BENCHMARK_MAIN();
