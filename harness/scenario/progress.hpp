// Progress reporting while a run goes on: an interface, and a console implementation.
#pragma once

#include <array>
#include <cstddef>
#include <mutex>
#include <ostream>
#include <string>

#include "core/verdict.hpp"
#include "scenario/result.hpp"
#include "scenario/scenario.hpp"

namespace harness::scenario {

/// Receives run events; the runner calls it from several worker threads at once.
class ProgressSink {
public:
    virtual ~ProgressSink();

    /// The run is about to start `total` scenarios (before any started()).
    virtual void planned(std::size_t total);
    /// A worker took the scenario up.
    virtual void started(const Scenario& scenario) = 0;
    /// The scenario has its final result (after any retries).
    virtual void finished(const ScenarioResult& result) = 0;
    /// The run is over: no more events follow.
    virtual void done() = 0;

protected:
    ProgressSink() = default;
    ProgressSink(const ProgressSink&) = default;
    ProgressSink& operator=(const ProgressSink&) = default;
    ProgressSink(ProgressSink&&) = default;
    ProgressSink& operator=(ProgressSink&&) = default;
};

/// Console progress: on a terminal one status line rewritten in place, otherwise one line per
/// finished scenario; both end with a summary line. Thread-safe.
class ConsoleProgress final : public ProgressSink {
public:
    /// Writes to `out`; `tty` selects the rewritten status line.
    ConsoleProgress(std::ostream& out, bool tty);

    void planned(std::size_t total) override;
    void started(const Scenario& scenario) override;
    void finished(const ScenarioResult& result) override;
    void done() override;

private:
    static constexpr std::size_t verdict_count = 6;

    std::string status_line() const;
    std::string summary_line() const;
    void redraw();

    std::mutex mutex_;
    std::ostream& out_;
    bool tty_;
    std::size_t total_ = 0;
    std::size_t started_ = 0;
    std::size_t finished_ = 0;
    std::size_t flaky_ = 0;
    std::array<std::size_t, verdict_count> counts_{};
    std::string last_id_;
};

} // namespace harness::scenario
