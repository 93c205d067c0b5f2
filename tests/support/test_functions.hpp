// Small functions the tests of the test kit and the case runner call.
#pragma once

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>

#include <statefun/functions.hpp>
#include <statefun/handler.hpp>

namespace statefun::test {

/// example/counter: counts in state `n` (int) and sends the count to example/sink/<id>;
/// a message "reset" deletes the count; "boom" throws; "ask" sends a delayed message and
/// cancels "old"; example/echo sends its argument back to the caller (or example/sink/none).
inline RequestReplyHandler make_test_handler() {
  static const ValueSpec<std::int32_t> kCount("n", int_type());
  StatefulFunctions functions;
  functions.bind("example/counter", {kCount}, [](Context& c, const Message& m) {
    const std::string command = m.is_string() ? m.as_string() : "";
    if (command == "boom") {
      throw std::runtime_error("boom requested");
    }
    if (command == "reset") {
      c.storage().remove(kCount);
      return;
    }
    if (command == "ask") {
      c.send_after(std::chrono::milliseconds(250),
                   MessageBuilder("example/sink", c.self().id).with_value("later").build(),
                   "t1");
      c.cancel_delayed_message("old");
    }
    const std::int32_t n = c.storage().get(kCount).value_or(0) + 1;
    c.storage().set(kCount, n);
    c.send(MessageBuilder("example/sink", c.self().id).with_value(n).build());
  });
  functions.bind("example/echo", {}, [](Context& c, const Message& m) {
    const Address to = c.caller().value_or(Address("example/sink", "none"));
    c.send(MessageBuilder(to)
               .with_raw_value(std::string(m.value_type_name()), std::string(m.raw_value()))
               .build());
    c.send_egress(EgressMessageBuilder("io.statefun.playground/egress")
                      .with_raw_value("io.statefun.playground/EgressRecord",
                                      R"({"topic":"echo","payload":"echoed"})")
                      .build());
  });
  return RequestReplyHandler(std::move(functions));
}

}  // namespace statefun::test
