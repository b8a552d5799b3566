// Watchdog: a single thread sleeping until the next deadline of any running attempt.
#include "scenario/watchdog.hpp"

#include <algorithm>
#include <optional>

namespace harness::scenario {

Watchdog::Watch::Watch(Watchdog& watchdog, ScenarioContext& context)
    : watchdog_(watchdog), context_(context) {
    watchdog_.add(context_);
}

Watchdog::Watch::~Watch() {
    watchdog_.remove(context_);
}

Watchdog::Watchdog() : thread_([this](const std::stop_token& stop) { loop(stop); }) {}

void Watchdog::add(ScenarioContext& context) {
    {
        const std::scoped_lock lock(mutex_);
        watched_.push_back(&context);
        changed_ = true;
    }
    wake_.notify_one();
}

void Watchdog::remove(ScenarioContext& context) {
    const std::scoped_lock lock(mutex_);
    std::erase(watched_, &context);
}

void Watchdog::loop(const std::stop_token& stop) {
    std::unique_lock lock(mutex_);
    while (!stop.stop_requested()) {
        const auto now = ScenarioContext::Clock::now();
        std::optional<ScenarioContext::Clock::time_point> next;
        for (ScenarioContext* context : watched_) {
            const auto deadline = context->enforce_limits(now);
            if (deadline && (!next || *deadline < *next)) {
                next = deadline;
            }
        }

        changed_ = false;
        const auto woken = [this] { return changed_; };
        if (next) {
            wake_.wait_until(lock, stop, *next, woken);
        } else {
            wake_.wait(lock, stop, woken);
        }
    }
}

} // namespace harness::scenario
