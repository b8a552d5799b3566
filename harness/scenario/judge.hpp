// Judging: from what a scenario was expected to do and what its stages did, to a verdict.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/stage.hpp"
#include "core/verdict.hpp"
#include "scenario/executor.hpp"
#include "scenario/result.hpp"
#include "scenario/scenario.hpp"

namespace harness::scenario {

/// A verdict with its reason and the stage it names.
struct Judgement {
    Verdict verdict = Verdict::error;
    std::string reason;
    std::optional<Stage> last_stage; ///< the failed stage, else the last passed one
};

/// Compares the observed stage records with the expectation. `end_reason` is the lab error or
/// skip reason when `end` says the attempt ended that way. Pure: no clock, no I/O.
Judgement judge(const Expectation& expect, const std::vector<StageRecord>& stages, EndKind end,
                std::string_view end_reason);

} // namespace harness::scenario
