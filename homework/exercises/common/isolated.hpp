// Runs one function's checks in a process of its own (`./course check NAME --code`): a student's function that
// writes far outside a tensor corrupts the memory of the process it runs in before the signal comes (on some
// machines the checks program itself then died, reporting nothing), and an endless loop never returns. In a child
// process neither can reach the checks program: it reports the function as crashed and goes on.
#pragma once

#include "common/check.hpp"

#include <optional>

namespace dlc::exercise {

/// Runs `check` (as `run` does) in a child process (fork) and returns its result, sent back through a pipe; nothing
/// when the child crashed: killed by a signal, ended without a complete result, or still running after
/// `timeout_seconds` (then killed).
std::optional<FunctionResult> run_isolated(const FunctionCheck& check, unsigned timeout_seconds);

}  // namespace dlc::exercise
