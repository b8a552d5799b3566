// A scripted Executor for runner tests: each scenario id follows a list of steps per attempt.
#pragma once

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "scenario/executor.hpp"

namespace harness::scenario::testing {

/// One thing the fake does at a stage.
struct Step {
    enum class Kind { pass, fail, hang, nap, gather, throw_error, throw_other, skip_from, call };

    Kind kind = Kind::pass;
    Stage stage = Stage::ike_sa;
    std::string text; ///< reason, message, or evidence name
    int amount = 0;   ///< nap: milliseconds; gather: how many must run at once
    std::function<void(ScenarioContext&)> hook; ///< call: runs inside execute()
};

using Script = std::vector<Step>;

inline Step passes(Stage stage) {
    return {Step::Kind::pass, stage, {}, 0, {}};
}
inline Step fails(Stage stage, std::string reason) {
    return {Step::Kind::fail, stage, std::move(reason), 0, {}};
}
/// Begins the stage and waits for the stop token (never longer than a few seconds).
inline Step hangs(Stage stage) {
    return {Step::Kind::hang, stage, {}, 0, {}};
}
/// Begins the stage, sleeps (stoppable), then passes it.
inline Step naps(Stage stage, int ms) {
    return {Step::Kind::nap, stage, {}, ms, {}};
}
/// Begins the stage and waits until `count` executions have reached a gather step (a barrier
/// for the first `count`; later ones pass at once).
inline Step gathers(Stage stage, int count) {
    return {Step::Kind::gather, stage, {}, count, {}};
}
inline Step throws(Stage stage, std::string message) {
    return {Step::Kind::throw_error, stage, std::move(message), 0, {}};
}
inline Step throws_other(Stage stage) {
    return {Step::Kind::throw_other, stage, {}, 0, {}};
}
inline Step skips_from(Stage stage, std::string reason) {
    return {Step::Kind::skip_from, stage, std::move(reason), 0, {}};
}
inline Step calls(std::function<void(ScenarioContext&)> hook) {
    return {Step::Kind::call, Stage::ike_sa, {}, 0, std::move(hook)};
}

/// Passes every stage before `stage`, then does `last`; `after` steps follow.
inline Script up_to(Stage stage, Step last, const Script& after = {}) {
    Script script;
    for (Stage earlier : all_stages) {
        if (stage_index(earlier) < stage_index(stage)) {
            script.push_back(passes(earlier));
        }
    }
    script.push_back(std::move(last));
    script.insert(script.end(), after.begin(), after.end());
    return script;
}

/// Every stage passes.
inline Script all_pass() {
    Script script = up_to(Stage::teardown, passes(Stage::teardown));
    return script;
}

class FakeExecutor final : public Executor {
public:
    /// Attempt n of `id` follows attempts[min(n, size) - 1]; unknown ids pass every stage.
    void script(const std::string& id, std::vector<Script> attempts) {
        const std::scoped_lock lock(mutex_);
        scripts_[id] = std::move(attempts);
    }

    int calls_of(const std::string& id) const {
        const std::scoped_lock lock(mutex_);
        const auto found = calls_.find(id);
        return found == calls_.end() ? 0 : found->second;
    }

    int max_concurrent() const {
        const std::scoped_lock lock(mutex_);
        return max_active_;
    }

    void execute(const Scenario& scenario, ScenarioContext& ctx) override {
        const Script script = enter(scenario.id);
        const Leave leave{*this};
        for (const Step& step : script) {
            if (!perform(step, ctx)) {
                return;
            }
        }
    }

private:
    struct Leave {
        FakeExecutor& fake;
        ~Leave() {
            {
                const std::scoped_lock lock(fake.mutex_);
                --fake.active_;
            }
            fake.changed_.notify_all();
        }
    };

    Script enter(const std::string& id) {
        Script script;
        {
            const std::scoped_lock lock(mutex_);
            const int attempt = ++calls_[id];
            ++active_;
            max_active_ = std::max(max_active_, active_);
            const auto found = scripts_.find(id);
            if (found == scripts_.end() || found->second.empty()) {
                script = all_pass();
            } else {
                const auto& attempts = found->second;
                const auto index = std::min(static_cast<std::size_t>(attempt), attempts.size());
                script = attempts[index - 1];
            }
        }
        changed_.notify_all();
        return script;
    }

    // Waits until `done` holds or the stop token fires; false when stopped or too long.
    bool wait(ScenarioContext& ctx, std::chrono::milliseconds limit,
              const std::function<bool()>& done) {
        std::unique_lock lock(mutex_);
        changed_.wait_for(lock, ctx.stop_token(), limit, done);
        return !ctx.stop_token().stop_requested();
    }

    bool perform(const Step& step, ScenarioContext& ctx) {
        using std::chrono::milliseconds;
        switch (step.kind) {
        case Step::Kind::pass:
            ctx.begin(step.stage);
            ctx.pass(step.stage);
            return true;
        case Step::Kind::fail:
            ctx.begin(step.stage);
            ctx.fail(step.stage, step.text);
            return false;
        case Step::Kind::hang:
            ctx.begin(step.stage);
            wait(ctx, milliseconds(5000), [] { return false; });
            return false;
        case Step::Kind::nap:
            ctx.begin(step.stage);
            if (wait(ctx, milliseconds(step.amount), [] { return false; })) {
                ctx.pass(step.stage);
                return true;
            }
            return false;
        case Step::Kind::gather:
            ctx.begin(step.stage);
            {
                const std::scoped_lock lock(mutex_);
                ++gathered_;
            }
            changed_.notify_all();
            wait(ctx, milliseconds(3000), [this, &step] { return gathered_ >= step.amount; });
            ctx.pass(step.stage);
            return true;
        default:
            return perform_other(step, ctx);
        }
    }

    bool perform_other(const Step& step, ScenarioContext& ctx) {
        switch (step.kind) {
        case Step::Kind::throw_error:
            ctx.begin(step.stage);
            throw std::runtime_error(step.text);
        case Step::Kind::throw_other:
            ctx.begin(step.stage);
            throw 42; // not a std::exception: the runner must survive this too
        case Step::Kind::skip_from:
            ctx.skip_from(step.stage, step.text);
            return false;
        case Step::Kind::call:
            step.hook(ctx);
            return true;
        default:
            return false;
        }
    }

    mutable std::mutex mutex_;
    std::condition_variable_any changed_;
    std::map<std::string, std::vector<Script>> scripts_;
    std::map<std::string, int> calls_;
    int active_ = 0;
    int max_active_ = 0;
    int gathered_ = 0; ///< executions that ever reached a gather step
};

} // namespace harness::scenario::testing
