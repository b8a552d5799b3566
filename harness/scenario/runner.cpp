// Runner: a shared queue drained by worker threads; each scenario runs, is judged, maybe retried.
#include "scenario/runner.hpp"

#include <algorithm>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <utility>

#include "scenario/judge.hpp"
#include "scenario/watchdog.hpp"

namespace harness::scenario {

/// What the workers of one run() share.
struct Runner::RunState {
    RunState(const std::vector<Scenario>& all, std::stop_token stop)
        : scenarios(all), results(all.size()), interrupt(std::move(stop)) {}

    const std::vector<Scenario>& scenarios;
    std::vector<std::optional<ScenarioResult>> results; ///< by input index
    std::stop_token interrupt;
    std::atomic<std::size_t> next{0};
    std::atomic<bool> interrupted{false};
    Watchdog watchdog;

    std::mutex report_mutex; ///< serialises callbacks and guards `failure`
    std::exception_ptr failure;
};

namespace {

// Scenario ids nest folders at '/'; parts that would climb out of the output folder are renamed.
std::filesystem::path id_path(const std::string& id) {
    std::filesystem::path path;
    std::size_t start = 0;
    while (start <= id.size()) {
        const std::size_t end = std::min(id.find('/', start), id.size());
        std::string part = id.substr(start, end - start);
        if (part.empty() || part == "." || part == "..") {
            part.insert(0, 1, '_');
        }
        path /= part;
        start = end + 1;
    }
    return path;
}

std::string prepare(const std::filesystem::path& work_dir) {
    std::error_code error;
    std::filesystem::create_directories(work_dir, error);
    return error ? "cannot create " + work_dir.string() + ": " + error.message() : std::string();
}

bool wants_retry(Verdict verdict) {
    return !meets_expectation(verdict);
}

ScenarioResult make_result(const Scenario& scenario, AttemptOutcome outcome) {
    Judgement judgement = judge(scenario.expect, outcome.stages, outcome.end, outcome.end_reason);
    ScenarioResult result;
    result.id = scenario.id;
    result.values = scenario.values;
    result.tier = scenario.tier;
    result.expected = scenario.expect;
    result.verdict = judgement.verdict;
    result.last_stage = judgement.last_stage;
    result.reason = std::move(judgement.reason);
    result.duration_s = outcome.duration_s;
    result.stages = std::move(outcome.stages);
    result.evidence = std::move(outcome.evidence);
    return result;
}

} // namespace

Runner::Runner(Executor& executor, RunOptions options)
    : executor_(executor), options_(std::move(options)) {}

std::vector<ScenarioResult> Runner::run(const std::vector<Scenario>& scenarios,
                                        std::stop_token interrupt) {
    RunState state(scenarios, std::move(interrupt));
    if (options_.progress != nullptr) {
        options_.progress->planned(scenarios.size());
    }
    {
        const auto wanted = static_cast<std::size_t>(std::max(1, options_.jobs));
        std::vector<std::jthread> workers;
        for (std::size_t i = 0; i < std::min(wanted, std::max<std::size_t>(scenarios.size(), 1));
             ++i) {
            workers.emplace_back([this, &state] { work(state); });
        }
    }
    if (options_.progress != nullptr) {
        options_.progress->done();
    }
    if (state.failure) {
        std::rethrow_exception(state.failure);
    }

    std::vector<ScenarioResult> results;
    for (auto& result : state.results) {
        if (result) {
            results.push_back(std::move(*result));
        }
    }
    interrupted_ = state.interrupted || results.size() < scenarios.size();
    return results;
}

void Runner::work(RunState& state) {
    try {
        while (!state.interrupt.stop_requested()) {
            const std::size_t index = state.next++;
            if (index >= state.scenarios.size()) {
                return;
            }
            const Scenario& scenario = state.scenarios[index];
            if (options_.progress != nullptr) {
                const std::scoped_lock lock(state.report_mutex);
                options_.progress->started(scenario);
            }
            if (auto result = run_scenario(state, scenario)) {
                publish(state, index, std::move(*result));
            }
        }
    } catch (...) {
        // Only the caller's callbacks can throw here; run() rethrows once the workers are done.
        const std::scoped_lock lock(state.report_mutex);
        if (!state.failure) {
            state.failure = std::current_exception();
        }
    }
}

std::optional<ScenarioResult> Runner::run_scenario(RunState& state, const Scenario& scenario) {
    std::optional<ScenarioResult> kept;
    const int allowed = 1 + std::max(0, options_.retries);
    int attempts = 0;
    while (attempts < allowed && !state.interrupt.stop_requested()) {
        Attempt attempt = run_attempt(state, scenario, ++attempts);
        if (attempt.interrupted) {
            state.interrupted = true;
            // A complete earlier attempt says more than one cut short by the interrupt.
            if (kept) {
                break;
            }
        }
        kept = std::move(attempt.result);
        if (attempt.interrupted || !wants_retry(kept->verdict)) {
            break;
        }
    }
    if (!kept) {
        return std::nullopt;
    }
    kept->attempts = attempts;
    kept->flaky =
        attempts > 1 && (kept->verdict == Verdict::pass || kept->verdict == Verdict::xfail);
    if (options_.rerun_command) {
        kept->rerun_command = options_.rerun_command(scenario);
    }
    return kept;
}

Runner::Attempt Runner::run_attempt(RunState& state, const Scenario& scenario, int number) {
    const auto work_dir = options_.output_dir / "scenarios" / id_path(scenario.id) /
                          ("attempt-" + std::to_string(number));
    ScenarioContext ctx(options_.output_dir, work_dir, options_.timeouts);
    std::string error = prepare(work_dir);
    if (error.empty()) {
        error = execute_watched(state, scenario, ctx);
    }
    AttemptOutcome outcome = ctx.finish(error);
    const bool interrupted = outcome.interrupted;
    return {make_result(scenario, std::move(outcome)), interrupted};
}

std::string Runner::execute_watched(RunState& state, const Scenario& scenario,
                                    ScenarioContext& ctx) {
    const std::stop_callback on_interrupt(state.interrupt, [&ctx] { ctx.interrupt(); });
    const Watchdog::Watch watch(state.watchdog, ctx);
    try {
        executor_.execute(scenario, ctx);
        return {};
    } catch (const std::exception& error) {
        const std::string message = error.what();
        return message.empty() ? "the executor threw an exception without a message" : message;
    } catch (...) {
        return "the executor threw an exception that is not a std::exception";
    }
}

void Runner::publish(RunState& state, std::size_t index, ScenarioResult result) {
    const std::scoped_lock lock(state.report_mutex);
    if (options_.on_result) {
        options_.on_result(result);
    }
    if (options_.progress != nullptr) {
        options_.progress->finished(result);
    }
    state.results[index] = std::move(result);
}

} // namespace harness::scenario
