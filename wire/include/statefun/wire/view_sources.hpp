// ViewSource: a parsed ToFunctionView or FromFunctionView as the source of the writers, so that
// what was read can be written back (normalised: unknown fields dropped, repeated messages
// merged, as protobuf serializes what it parsed). Used by the codec's tests and fuzz targets to
// compare the writers with libprotobuf on every input the reader accepts.
// Part of statefun::wire, an internal target: not installed, not an API.
#pragma once

#include <statefun/wire/from_function.hpp>
#include <statefun/wire/to_function.hpp>

namespace statefun::wire {

/// A ToFunctionView as the source of append_to_function.
struct ToFunctionViewSource {
  const ToFunctionView& view;

  AddressView target() const { return view.target; }

  template <typename F>
  void for_each_state(F f) const {
    for (const StateView& s : view.state) {
      f(s);
    }
  }

  template <typename F>
  void for_each_invocation(F f) const {
    for (const InvocationView& i : view.invocations) {
      f(i);
    }
  }
};

/// A FromFunctionView as the source of append_invocation_result and
/// append_incomplete_invocation_context.
struct FromFunctionViewSource {
  const FromFunctionView& view;

  template <typename F>
  void for_each_mutation(F f) const {
    for (const auto& m : view.mutations) {
      f(m);
    }
  }

  template <typename F>
  void for_each_message(F f) const {
    for (const auto& m : view.messages) {
      f(m);
    }
  }

  template <typename F>
  void for_each_delayed(F f) const {
    for (const auto& d : view.delayed) {
      f(d);
    }
  }

  template <typename F>
  void for_each_egress(F f) const {
    for (const auto& e : view.egress) {
      f(e);
    }
  }

  template <typename F>
  void for_each_missing(F f) const {
    for (const auto& m : view.missing_values) {
      f(m);
    }
  }
};

}  // namespace statefun::wire
