// Running one case: a component case's steps through a Session, each request within the case's
// deadline; a pipeline case's messages through a fresh local runtime, within its timeout.

#include <algorithm>
#include <exception>
#include <string_view>
#include <utility>

#include <statefun/cases/case_runner.hpp>
#include <statefun/error.hpp>
#include <statefun/runtime/ingress_record.hpp>
#include <statefun/runtime/runtime.hpp>
#include <statefun/testkit/http_client.hpp>
#include <statefun/testkit/session.hpp>

#include "expectations.hpp"
#include "pipeline_expectations.hpp"

namespace statefun::cases {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

std::string format_timeout(milliseconds timeout) {
  return timeout.count() % 1000 == 0 ? std::to_string(timeout.count() / 1000) + "s"
                                     : std::to_string(timeout.count()) + "ms";
}

/// A client whose every request gets what is left of the case's time.
class DeadlineClient : public testkit::Client {
 public:
  DeadlineClient(const ClientFactory& factory, std::string url, milliseconds timeout)
      : factory_(factory),
        url_(std::move(url)),
        timeout_(timeout),
        deadline_(Clock::now() + timeout) {}

  std::string call_bytes(std::string_view request) override {
    // Rounded up, so that the request's own timeout ends at the deadline, not before it.
    const auto left = std::chrono::ceil<milliseconds>(deadline_ - Clock::now());
    if (left <= milliseconds(0)) {
      throw_timeout();
    }
    try {
      return factory_(url_, left)->call_bytes(request);
    } catch (const testkit::CallError& e) {
      if (e.kind() == testkit::CallErrorKind::timeout && Clock::now() >= deadline_) {
        throw_timeout();
      }
      throw;
    }
  }

 private:
  [[noreturn]] void throw_timeout() const {
    throw testkit::CallError(
        testkit::CallErrorKind::timeout,
        "timed out: the case did not finish within its timeout of " + format_timeout(timeout_));
  }

  const ClientFactory& factory_;
  std::string url_;
  milliseconds timeout_;
  Clock::time_point deadline_;
};

detail::StepOutcome execute(const TestStep& step,
                            testkit::Session& session,
                            testkit::Client& client,
                            const std::vector<protocol::StateEntry>* initial_state) {
  detail::StepOutcome outcome;
  try {
    if (step.expect.missing_state) {  // sent as it is, so that the answer is seen
      const protocol::Request request{
          step.target,
          initial_state != nullptr ? *initial_state : session.state_for(step.target),
          step.invocations};
      outcome.response = client.call(request);
    } else {
      outcome.response = session.send(step.target, step.invocations);
    }
  } catch (const testkit::CallError& e) {
    if (e.kind() != testkit::CallErrorKind::status) {
      throw;
    }
    outcome.status = e.status();
    outcome.body = e.body();
  }
  return outcome;
}

std::string step_label(const TestCase& c, std::size_t index) {
  if (c.steps.size() == 1) {
    return "";
  }
  const TestStep& step = c.steps[index];
  return "step " + std::to_string(index + 1) + (step.name.empty() ? "" : " '" + step.name + "'") +
         " (" + step.where.str() + "): ";
}

void fail(CaseResult& result, const std::string& label, const std::vector<std::string>& failures) {
  result.outcome = CaseResult::Outcome::failed;
  for (const auto& failure : failures) {
    result.message += label + failure + (failure.ends_with('\n') ? "" : "\n");
  }
  result.summary = result.message.substr(0, result.message.find('\n'));
}

void run_steps(const TestCase& c,
               testkit::Session& session,
               testkit::Client& client,
               CaseResult& result) {
  for (std::size_t i = 0; i < c.steps.size(); ++i) {
    try {
      const auto outcome = execute(c.steps[i], session, client, i == 0 ? &c.state : nullptr);
      const auto failures = detail::check_expectations(c.steps[i].expect, outcome);
      if (!failures.empty()) {
        fail(result, step_label(c, i), failures);
        return;
      }
    } catch (const testkit::CallError& e) {
      result.unreachable = e.kind() == testkit::CallErrorKind::connect;
      fail(result,
           step_label(c, i),
           {"error[" + std::string(to_string(e.kind())) + "]: " + e.what()});
      return;
    } catch (const Error& e) {  // the testkit::Session: a runtime rule broken
      fail(result, step_label(c, i), {e.what()});
      return;
    }
  }
}

/// Keeps what a pipeline check needs from the trace: the messages between functions, and the
/// last failed attempt (why a run that timed out could not finish).
class PipelineRecorder : public runtime::TraceObserver {
 public:
  bool wants(runtime::TraceEvent::Kind kind) const noexcept override {
    return kind == runtime::TraceEvent::Kind::message || kind == runtime::TraceEvent::Kind::retry;
  }

  void on_event(const runtime::TraceEvent& event) override {
    if (event.kind == runtime::TraceEvent::Kind::message) {
      messages.push_back(event);
    } else if (event.kind == runtime::TraceEvent::Kind::retry) {
      last_retry = (event.to ? event.to->str() + ": " : "") + event.detail;
    }
  }

  std::vector<runtime::TraceEvent> messages;
  std::string last_retry;
};

std::string unfinished(const runtime::RunResult& r,
                       milliseconds timeout,
                       const std::string& retry) {
  std::string out =
      "timed out: the run did not end within the case's timeout of " + format_timeout(timeout);
  for (const runtime::AddressState& state : r.state) {
    if (state.in_flight || state.backlog > 0) {
      out += "\n  in flight: " + state.address.str() +
             (state.backlog > 0 ? " (" + std::to_string(state.backlog) + " waiting)" : "");
    }
  }
  if (r.pending_delayed > 0) {
    out += "\n  delayed messages pending: " + std::to_string(r.pending_delayed);
  }
  if (r.input_not_taken > 0) {
    out += "\n  input messages not yet taken: " + std::to_string(r.input_not_taken);
  }
  if (!retry.empty()) {
    out += "\n  the last failed attempt: " + retry;
  }
  return out;
}

/// The result of a case about to run: its id and place, or the reason it is skipped.
template <typename Case>
CaseResult started(const Case& c) {
  CaseResult result;
  result.id = c.id;
  result.where = c.where;
  if (c.skip) {
    result.outcome = CaseResult::Outcome::skipped;
    result.message = *c.skip;
  }
  return result;
}

}  // namespace

CaseResult run_pipeline_case(const PipelineCase& test_case,
                             const runtime::Module& module,
                             milliseconds timeout,
                             PipelineClock clock) {
  CaseResult result = started(test_case);
  if (test_case.skip) {
    return result;
  }
  const auto start = Clock::now();
  try {
    PipelineRecorder recorder;
    runtime::RunOptions options;
    options.time =
        clock.real_time ? runtime::RunOptions::Time::real : runtime::RunOptions::Time::simulated;
    options.duration = timeout;
    options.observer = &recorder;
    runtime::Runtime run(module, options);
    for (const PipelineInput& input : test_case.send) {
      if (!input.topic) {
        run.send({input.target, input.argument, "test", input.at});
        continue;
      }
      for (runtime::IngressMessage& message :
           runtime::route_record(module, *input.topic, input.key, input.argument.value, "test")) {
        message.at = input.at;
        run.send(std::move(message));
      }
    }
    detail::PipelineOutcome outcome{run.run(), {}};
    outcome.messages = std::move(recorder.messages);
    if (outcome.result.end == runtime::RunResult::End::duration) {
      fail(result, "", {unfinished(outcome.result, timeout, recorder.last_retry)});
    } else if (const auto failures = detail::check_pipeline(test_case.expect, outcome);
               !failures.empty()) {
      fail(result, "", failures);
    }
  } catch (const std::exception& e) {
    fail(result, "", {std::string("error: ") + e.what()});
  }
  result.duration = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
  return result;
}

ClientFactory http_client_factory() {
  return [](const std::string& url, milliseconds timeout) -> std::unique_ptr<testkit::Client> {
    testkit::HttpClientOptions options;
    options.connect_timeout = std::min(timeout, milliseconds(5000));
    options.request_timeout = timeout;
    return std::make_unique<testkit::HttpClient>(url, options);
  };
}

CaseResult run_case(const TestCase& test_case,
                    const std::string& url,
                    milliseconds timeout,
                    const ClientFactory& factory) {
  const TestCase& c = test_case;
  CaseResult result = started(c);
  if (c.skip) {
    return result;
  }
  const auto start = Clock::now();
  try {
    DeadlineClient client(factory, url, timeout);
    testkit::Session session(client);
    for (const auto& entry : c.state) {
      if (entry.value) {
        session.set_value(c.steps.front().target, entry.name, entry.value);
      }
    }
    run_steps(c, session, client, result);
  } catch (const std::exception& e) {
    fail(result, "", {std::string("error: ") + e.what()});
  }
  result.duration = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
  return result;
}

}  // namespace statefun::cases
