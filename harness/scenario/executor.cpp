// ScenarioContext: the per-attempt record of stages, endings, evidence and limits.
#include "scenario/executor.hpp"

#include <algorithm>
#include <utility>

#include <fmt/core.h>

namespace harness::scenario {

namespace {

double seconds(ScenarioContext::Clock::duration duration) {
    return std::chrono::duration<double>(duration).count();
}

ScenarioContext::Clock::duration from_seconds(double value) {
    return std::chrono::duration_cast<ScenarioContext::Clock::duration>(
        std::chrono::duration<double>(value));
}

// One decimal for human-scale times, more for the sub-second limits that tests use.
std::string format_seconds(double value) {
    return value >= 1.0 ? fmt::format("{:.1f} s", value) : fmt::format("{:.3f} s", value);
}

} // namespace

Executor::~Executor() = default;

ScenarioContext::ScenarioContext(std::filesystem::path output_root, std::filesystem::path work_dir,
                                 Timeouts limits)
    : output_root_(std::move(output_root)), work_dir_(std::move(work_dir)), limits_(limits),
      started_(Clock::now()) {
    for (Stage stage : all_stages) {
        record(stage).stage = stage;
    }
}

void ScenarioContext::begin(Stage stage) {
    const std::scoped_lock lock(mutex_);
    if (frozen_) {
        return;
    }
    const auto now = Clock::now();
    begun_at_.at(static_cast<std::size_t>(stage)) = now;
    last_begin_ = now;
    open_stage_ = stage;
}

void ScenarioContext::pass(Stage stage, std::string detail) {
    const std::scoped_lock lock(mutex_);
    if (!frozen_) {
        close_stage(stage, StageStatus::passed, std::move(detail), Clock::now());
    }
}

void ScenarioContext::fail(Stage stage, std::string reason) {
    const std::scoped_lock lock(mutex_);
    if (!frozen_) {
        close_stage(stage, StageStatus::failed, std::move(reason), Clock::now());
    }
}

void ScenarioContext::skip_from(Stage stage, const std::string& reason) {
    const std::scoped_lock lock(mutex_);
    if (frozen_) {
        return;
    }
    const auto now = Clock::now();
    for (Stage later : all_stages) {
        const StageStatus status = record(later).status;
        if (stage_index(later) >= stage_index(stage) && status != StageStatus::passed &&
            status != StageStatus::failed) {
            close_stage(later, StageStatus::skipped, reason, now);
        }
    }
}

void ScenarioContext::lab_error(std::string reason) {
    const std::scoped_lock lock(mutex_);
    if (frozen_ || ending_.lab_error) {
        return;
    }
    if (open_stage_) {
        close_stage(*open_stage_, StageStatus::failed, "lab error: " + reason, Clock::now());
    }
    ending_.lab_error = std::move(reason);
}

void ScenarioContext::skip(std::string reason) {
    const std::scoped_lock lock(mutex_);
    if (!frozen_ && !ending_.skip) {
        ending_.skip = std::move(reason);
    }
}

void ScenarioContext::add_evidence(std::string kind, std::filesystem::path relative_path) {
    std::filesystem::path full =
        relative_path.is_absolute() ? std::move(relative_path) : work_dir_ / relative_path;
    std::filesystem::path shown = full.lexically_relative(output_root_);
    if (shown.empty() || *shown.begin() == "..") {
        shown = std::move(full);
    }
    const std::scoped_lock lock(mutex_);
    evidence_.push_back({std::move(kind), shown.generic_string()});
}

std::optional<ScenarioContext::Clock::time_point>
ScenarioContext::enforce_limits(Clock::time_point now) {
    std::unique_lock lock(mutex_);
    if (frozen_) {
        return std::nullopt;
    }
    std::optional<Clock::time_point> stage_deadline;
    std::optional<Clock::time_point> scenario_deadline;
    if (last_begin_ && limits_.stage_s > 0.0) {
        stage_deadline = *last_begin_ + from_seconds(limits_.stage_s);
    }
    if (limits_.scenario_s > 0.0) {
        scenario_deadline = started_ + from_seconds(limits_.scenario_s);
    }

    // The limit whose deadline came first is the one that is reported.
    const bool stage_first =
        stage_deadline && (!scenario_deadline || *stage_deadline <= *scenario_deadline);
    const auto next = stage_first ? stage_deadline : scenario_deadline;
    if (!next || now < *next) {
        if (last_begin_ || limits_.stage_s <= 0.0) {
            return next;
        }
        // No stage limit runs before the first begin(), but one that starts later must not end
        // before the watchdog looks again: any begin() after `now` ends after this.
        const auto look_again = now + from_seconds(limits_.stage_s);
        return next ? std::min(*next, look_again) : look_again;
    }
    time_out(now, seconds(now - (stage_first ? *last_begin_ : started_)), stage_first);
    lock.unlock();
    stop_.request_stop();
    return std::nullopt;
}

void ScenarioContext::interrupt() {
    {
        const std::scoped_lock lock(mutex_);
        interrupted_ = true;
        if (!frozen_ && !decided()) {
            const auto now = Clock::now();
            const Stage stage = current_stage();
            ending_.lab_error = std::string("interrupted ") + (open_stage_ ? "during" : "before") +
                                " stage " + std::string(to_string(stage));
            if (open_stage_) {
                close_stage(stage, StageStatus::failed, "interrupted", now);
            }
        }
        frozen_ = true;
    }
    stop_.request_stop();
}

AttemptOutcome ScenarioContext::finish(const std::string& error) {
    const std::scoped_lock lock(mutex_);
    const auto now = Clock::now();
    if (!frozen_ && !error.empty() && !ending_.lab_error) {
        if (open_stage_) {
            close_stage(*open_stage_, StageStatus::failed, "lab error: " + error, now);
        }
        ending_.lab_error = error;
    }
    if (!frozen_ && open_stage_ && !decided()) {
        const std::string stage_name{to_string(*open_stage_)};
        close_stage(*open_stage_, StageStatus::failed, "no result reported", now);
        ending_.lab_error =
            "the executor returned during stage " + stage_name + " without a result";
    }
    frozen_ = true;

    AttemptOutcome outcome;
    outcome.stages.assign(records_.begin(), records_.end());
    outcome.evidence = evidence_;
    if (ending_.lab_error) {
        outcome.end = EndKind::lab_error;
        outcome.end_reason = *ending_.lab_error;
    } else if (ending_.skip) {
        outcome.end = EndKind::skipped;
        outcome.end_reason = *ending_.skip;
    }
    outcome.duration_s = seconds(now - started_);
    outcome.interrupted = interrupted_;
    return outcome;
}

double ScenarioContext::seconds_in(Stage stage, Clock::time_point now) const {
    const auto& begun = begun_at_.at(static_cast<std::size_t>(stage));
    return begun ? seconds(now - *begun) : 0.0;
}

void ScenarioContext::close_stage(Stage stage, StageStatus status, std::string detail,
                                  Clock::time_point now) {
    StageRecord& entry = record(stage);
    entry.status = status;
    entry.detail = std::move(detail);
    entry.duration_s = seconds_in(stage, now);
    if (open_stage_ == stage) {
        open_stage_.reset();
    }
}

// The stage a limit interrupts: the open one, else the next one that has not run yet.
Stage ScenarioContext::current_stage() const {
    if (open_stage_) {
        return *open_stage_;
    }
    const auto next = std::find_if(records_.begin(), records_.end(), [](const StageRecord& r) {
        return r.status == StageStatus::not_run;
    });
    return next == records_.end() ? Stage::teardown : next->stage;
}

bool ScenarioContext::decided() const {
    return ending_.lab_error || ending_.skip ||
           std::any_of(records_.begin(), records_.end(),
                       [](const StageRecord& r) { return r.status == StageStatus::failed; });
}

void ScenarioContext::time_out(Clock::time_point now, double elapsed_s, bool stage_limit) {
    const Stage stage = current_stage();
    const double limit = stage_limit ? limits_.stage_s : limits_.scenario_s;
    close_stage(stage, StageStatus::failed,
                fmt::format("timed out after {} in stage {} ({} limit {})",
                            format_seconds(elapsed_s), to_string(stage),
                            stage_limit ? "stage" : "scenario", format_seconds(limit)),
                now);
    frozen_ = true;
}

} // namespace harness::scenario
