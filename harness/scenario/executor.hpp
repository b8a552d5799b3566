// The interface a backend implements to run one scenario, and the context it reports stages to.
#pragma once

#include <array>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "core/stage.hpp"
#include "scenario/result.hpp"
#include "scenario/scenario.hpp"

namespace harness::scenario {

/// How an attempt ended apart from its stage records: normally, with a broken lab, or skipped.
enum class EndKind { completed, lab_error, skipped };

/// What one attempt left behind once execute() returned: the input of judge().
struct AttemptOutcome {
    std::vector<StageRecord> stages; ///< all nine, in order
    std::vector<EvidenceItem> evidence;
    EndKind end = EndKind::completed;
    std::string end_reason; ///< the lab error or skip reason
    double duration_s = 0.0;
    bool interrupted = false; ///< the run was interrupted while this attempt was running
};

/// One attempt at one scenario: the executor reports stages to it, the runner enforces limits.
/// Every member is thread-safe: the watchdog and interrupt handling call in from other threads.
/// Once a timeout or an interrupt has decided the attempt, later stage reports are ignored.
class ScenarioContext {
public:
    using Clock = std::chrono::steady_clock;

    /// A context whose attempt starts now; `work_dir` must already exist for executors to use.
    ScenarioContext(std::filesystem::path output_root, std::filesystem::path work_dir,
                    Timeouts limits);

    /// The stage starts now: its timing and its stage timeout start.
    void begin(Stage stage);
    /// The stage succeeded; `detail` is an optional note such as the chosen proposal.
    void pass(Stage stage, std::string detail = {});
    /// The stage failed for `reason` (the server's or the protocol's fault).
    void fail(Stage stage, std::string reason);
    /// This stage and every later one cannot run here (e.g. "host kernel lacks ESP").
    void skip_from(Stage stage, const std::string& reason);
    /// The lab itself broke: the verdict is ERROR, whatever the stages say.
    void lab_error(std::string reason);
    /// Nothing of this scenario can run here: the verdict is SKIPPED.
    void skip(std::string reason);
    /// A file backing the verdict; a relative path is taken relative to work_dir().
    void add_evidence(std::string kind, std::filesystem::path relative_path);

    /// Set when the attempt timed out or the run was interrupted; execute() must then return.
    std::stop_token stop_token() const { return stop_.get_token(); }
    /// This attempt's folder: <output>/scenarios/<id>/attempt-<n>.
    const std::filesystem::path& work_dir() const { return work_dir_; }
    /// The run's output folder, which evidence paths are relative to.
    const std::filesystem::path& output_root() const { return output_root_; }

    /// Runner side: applies the stage and scenario limits at `now`; returns when to check again,
    /// or nullopt when no limit remains to watch.
    std::optional<Clock::time_point> enforce_limits(Clock::time_point now);
    /// Runner side: the run is being interrupted; stops the attempt.
    void interrupt();
    /// Runner side: execute() has returned (or thrown `error`); the records, final.
    AttemptOutcome finish(const std::string& error = {});

private:
    struct Ending {
        std::optional<std::string> lab_error;
        std::optional<std::string> skip;
    };

    StageRecord& record(Stage stage) { return records_.at(static_cast<std::size_t>(stage)); }
    double seconds_in(Stage stage, Clock::time_point now) const;
    void close_stage(Stage stage, StageStatus status, std::string detail, Clock::time_point now);
    Stage current_stage() const;
    bool decided() const;
    void time_out(Clock::time_point now, double elapsed_s, bool stage_limit);

    std::filesystem::path output_root_;
    std::filesystem::path work_dir_;
    Timeouts limits_;
    std::stop_source stop_;

    mutable std::mutex mutex_;
    Clock::time_point started_;
    std::optional<Stage> open_stage_;
    std::optional<Clock::time_point> last_begin_;
    std::array<std::optional<Clock::time_point>, all_stages.size()> begun_at_{};
    std::array<StageRecord, all_stages.size()> records_{};
    Ending ending_;
    std::vector<EvidenceItem> evidence_;
    bool frozen_ = false; ///< a timeout or interrupt decided the attempt
    bool interrupted_ = false;
};

/// A backend: runs one scenario against a server, reporting each stage to the context.
class Executor {
public:
    virtual ~Executor();

    /// Runs the scenario; must return promptly once ctx.stop_token() is set. An exception that
    /// escapes becomes an ERROR verdict with its message.
    virtual void execute(const Scenario& scenario, ScenarioContext& ctx) = 0;

protected:
    Executor() = default;
    Executor(const Executor&) = default;
    Executor& operator=(const Executor&) = default;
    Executor(Executor&&) = default;
    Executor& operator=(Executor&&) = default;
};

} // namespace harness::scenario
