// The watchdog: one thread that enforces the stage and scenario limits of running attempts.
#pragma once

#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <thread>
#include <vector>

#include "scenario/executor.hpp"

namespace harness::scenario {

/// Watches registered contexts and times them out when a limit passes. Sleeps until the earliest
/// time a context asks to be looked at again; no begin() can end sooner, so it needs no wake-up.
class Watchdog {
public:
    /// Registers a context for as long as it lives (the scope of one execute() call).
    class Watch {
    public:
        Watch(Watchdog& watchdog, ScenarioContext& context);
        ~Watch();
        Watch(const Watch&) = delete;
        Watch& operator=(const Watch&) = delete;
        Watch(Watch&&) = delete;
        Watch& operator=(Watch&&) = delete;

    private:
        Watchdog& watchdog_;
        ScenarioContext& context_;
    };

    Watchdog();

private:
    void add(ScenarioContext& context);
    void remove(ScenarioContext& context);
    void loop(const std::stop_token& stop);

    std::mutex mutex_;
    std::condition_variable_any wake_;
    std::vector<ScenarioContext*> watched_; ///< not owned: each Watch removes its own
    bool changed_ = false;
    std::jthread thread_; ///< last, so that it starts after the members it uses
};

} // namespace harness::scenario
