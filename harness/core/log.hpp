// Logging: one logger per component (ike, esp, l2tp, ppp, lab, vm, server, scenario, report, cli).
#pragma once

#include <memory>
#include <string_view>

#include <spdlog/logger.h>

namespace harness::log {

/// The logger of a component, created on first use; every line carries the component's tag.
std::shared_ptr<spdlog::logger> get(std::string_view component);

/// Sets the level of every component's logger ("error", "warn", "info", "debug", "trace").
/// Returns false when the level name is not one of those.
bool set_level(std::string_view level);

} // namespace harness::log
