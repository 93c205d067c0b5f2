// Shared by the handler tests: requests built field by field, as the runtime sends them.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <statefun/error.hpp>
#include <statefun/handler.hpp>

#include "sdk/request-reply.pb.h"

namespace statefun::handler_test {

namespace pb = io::statefun::sdk::reqreply;
using std::chrono::milliseconds;

inline const ValueSpec<std::int32_t> kCount("count", int_type());
inline const ValueSpec<std::string> kLog("log",
                                         string_type(),
                                         Expiration::after_write(milliseconds(1500)));
inline const ValueSpec<bool> kFlag("flag",
                                   bool_type(),
                                   Expiration::after_call(milliseconds(60000)));

/// A ToFunction for example/fn/<id> built field by field, as the runtime would send it.
class Request {
 public:
  explicit Request(std::string id = "id1") {
    auto* target = proto_.mutable_invocation()->mutable_target();
    target->set_namespace_("example");
    target->set_type("fn");
    target->set_id(std::move(id));
  }

  Request& target_type(std::string ns, std::string type) {
    proto_.mutable_invocation()->mutable_target()->set_namespace_(std::move(ns));
    proto_.mutable_invocation()->mutable_target()->set_type(std::move(type));
    return *this;
  }

  Request& state(const std::string& name, const std::optional<TypedValue>& value) {
    auto* state = proto_.mutable_invocation()->add_state();
    state->set_state_name(name);
    if (value) {
      state->mutable_state_value()->set_typename_(value->type_name);
      state->mutable_state_value()->set_has_value(value->has_value);
      state->mutable_state_value()->set_value(value->value);
    }
    return *this;
  }

  Request& all_state_empty() { return state("count", {}).state("log", {}).state("flag", {}); }

  Request& invoke(const std::string& text, const std::optional<Address>& caller = {}) {
    auto* invocation = proto_.mutable_invocation()->add_invocations();
    invocation->mutable_argument()->set_typename_("io.statefun.types/string");
    invocation->mutable_argument()->set_has_value(true);
    invocation->mutable_argument()->set_value(string_type().serialize(text));
    if (caller) {
      invocation->mutable_caller()->set_namespace_(std::string(caller->type.ns()));
      invocation->mutable_caller()->set_type(std::string(caller->type.name()));
      invocation->mutable_caller()->set_id(caller->id);
    }
    return *this;
  }

  std::string bytes() const { return proto_.SerializeAsString(); }

  pb::ToFunction& proto() { return proto_; }

 private:
  pb::ToFunction proto_;
};

/// A handler whose example/fn runs `body`.
inline RequestReplyHandler handler_running(StatefulFunction body) {
  StatefulFunctions functions;
  functions.bind("example/fn", {kCount, kLog, kFlag}, std::move(body));
  return RequestReplyHandler(std::move(functions));
}

inline pb::FromFunction handle(const RequestReplyHandler& handler, const Request& request) {
  pb::FromFunction reply;
  EXPECT_TRUE(reply.ParseFromString(handler.handle(request.bytes())));
  return reply;
}

inline errc error_of(const RequestReplyHandler& handler,
                     std::string_view bytes,
                     std::string* what) {
  try {
    handler.handle(bytes);
  } catch (const Error& e) {
    *what = e.what();
    return static_cast<errc>(e.code().value());
  }
  ADD_FAILURE() << "no error";
  return errc{};
}

}  // namespace statefun::handler_test
