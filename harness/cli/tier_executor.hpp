// Chooses, per scenario, where it can run on this host, and runs it there or says why not.
#pragma once

#include <string>

#include "lab/host_probe.hpp"
#include "scenario/executor.hpp"

namespace harness::cli {

/// What a scenario's tier amounts to on this host, in one sentence for reports and doctor.
std::string tier_plan(scenario::Tier tier, const lab::HostReport& host);

/// Dispatches each scenario to the backend of its tier on this host.
class TierExecutor : public scenario::Executor {
public:
    explicit TierExecutor(lab::HostReport host) : host_(std::move(host)) {}

    void execute(const scenario::Scenario& scenario, scenario::ScenarioContext& ctx) override;

private:
    lab::HostReport host_;
};

} // namespace harness::cli
