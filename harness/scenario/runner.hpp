// The runner: executes scenarios on worker threads with limits and retries, and judges them.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "scenario/executor.hpp"
#include "scenario/progress.hpp"
#include "scenario/result.hpp"
#include "scenario/scenario.hpp"

namespace harness::scenario {

/// How a run goes: parallelism, retries, limits, where attempts write, whom to tell.
struct RunOptions {
    int jobs = 1;    ///< worker threads; values below 1 mean 1
    int retries = 0; ///< extra attempts for a FAIL, XPASS or ERROR
    Timeouts timeouts;
    std::filesystem::path output_dir; ///< attempts write under <output_dir>/scenarios/<id>/
    std::function<std::string(const Scenario&)> rerun_command;
    std::function<void(const ScenarioResult&)> on_result; ///< called one at a time
    ProgressSink* progress = nullptr;
};

/// Runs scenarios through an executor and turns each into a judged ScenarioResult.
class Runner {
public:
    Runner(Executor& executor, RunOptions options);

    /// Runs every scenario (until `interrupt` fires); results are in input order, and the
    /// scenarios that never started are absent.
    std::vector<ScenarioResult> run(const std::vector<Scenario>& scenarios,
                                    std::stop_token interrupt = {});

    /// True when the last run() was cut short by its interrupt token.
    bool interrupted() const { return interrupted_; }

private:
    struct RunState;
    struct Attempt {
        ScenarioResult result;
        bool interrupted = false;
    };

    void work(RunState& state);
    std::optional<ScenarioResult> run_scenario(RunState& state, const Scenario& scenario);
    Attempt run_attempt(RunState& state, const Scenario& scenario, int number);
    std::string execute_watched(RunState& state, const Scenario& scenario, ScenarioContext& ctx);
    void publish(RunState& state, std::size_t index, ScenarioResult result);

    Executor& executor_;
    RunOptions options_;
    std::atomic<bool> interrupted_{false};
};

} // namespace harness::scenario
