#include "cli/tier_executor.hpp"

namespace harness::cli {

namespace {

std::string netns_plan(const lab::HostReport& host) {
    if (!host.netns_control_plane) {
        return "netns tier unavailable: it needs root and network namespaces";
    }
    // TODO-scenario: no executor yet composes lab, servers and client for a scenario.
    const char* depth = host.netns_full_stack ? "full stack" : "control plane only";
    return std::string("netns tier (") + depth +
           ") cannot run scenarios in this build: no scenario executor drives the server "
           "drivers and the client yet";
}

std::string vm_plan(const lab::HostReport& host) {
    if (!host.vm_qemu && !host.vm_libvirt) {
        return "vm tier unavailable: neither qemu-system-x86_64 nor libvirt was found";
    }
    // TODO-vm: no image recipes or qemu/libvirt backend yet, so no vm scenario can start.
    return "vm tier (" + host.vm_accel +
           ") has no backend in this build: server images and the qemu/libvirt backends are "
           "missing";
}

} // namespace

std::string tier_plan(scenario::Tier tier, const lab::HostReport& host) {
    switch (tier) {
    case scenario::Tier::netns:
        return netns_plan(host);
    case scenario::Tier::vm:
        return vm_plan(host);
    case scenario::Tier::unit:
        break;
    }
    return "unit tier has no scenarios";
}

void TierExecutor::execute(const scenario::Scenario& scenario, scenario::ScenarioContext& ctx) {
    ctx.skip(tier_plan(scenario.tier, host_));
}

} // namespace harness::cli
