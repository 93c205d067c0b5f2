// Uses the installed SDK and test kit: binds a function and calls it in-process.
#include <cstdint>
#include <cstdio>
#include <utility>

#include <statefun/protocol/json_form.hpp>
#include <statefun/statefun.hpp>
#include <statefun/testkit/client.hpp>

int main() {
  const statefun::ValueSpec<std::int32_t> seen("seen", statefun::int_type());
  statefun::StatefulFunctions functions;
  functions.bind(
      "example/counter", {seen}, [&](statefun::Context& context, const statefun::Message&) {
        context.storage().set(seen, context.storage().get(seen).value_or(0) + 1);
      });
  statefun::testkit::InProcessClient client(statefun::RequestReplyHandler(std::move(functions)));
  const auto response = client.call(statefun::protocol::RequestBuilder("example/counter/a")
                                        .with_state("seen", statefun::int_type(), 41)
                                        .with_invocation(statefun::int_type(), 0)
                                        .build());
  const auto value = statefun::protocol::to_json(*response.mutations.at(0).value)["value"];
  std::printf("seen = %s\n", value.dump().c_str());
  return value == 42 ? 0 : 1;
}
