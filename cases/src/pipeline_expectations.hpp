// Checking what a pipeline run did against a pipeline case's expectations, with readable diffs.
#pragma once

#include <string>
#include <vector>

#include <statefun/cases/test_file.hpp>
#include <statefun/runtime/runtime.hpp>
#include <statefun/runtime/trace_event.hpp>

namespace statefun::cases::detail {

/// What one run did: how it ended, its egress records and final state, and every message a
/// function sent to another (the trace's `message` events).
struct PipelineOutcome {
  runtime::RunResult result;
  std::vector<runtime::TraceEvent> messages;
};

/// The failures of a run, each a paragraph as check_expectations writes them. Empty when it
/// passed.
std::vector<std::string> check_pipeline(const PipelineExpectations& expect,
                                        const PipelineOutcome& outcome);

}  // namespace statefun::cases::detail
