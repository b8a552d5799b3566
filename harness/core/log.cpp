#include "core/log.hpp"

#include <mutex>
#include <string>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace harness::log {

namespace {
std::mutex registry_mutex;
spdlog::level::level_enum current_level = spdlog::level::warn;
} // namespace

std::shared_ptr<spdlog::logger> get(std::string_view component) {
    const std::lock_guard lock(registry_mutex);
    const std::string name(component);
    if (auto existing = spdlog::get(name)) {
        return existing;
    }
    // Logs go to stderr so that stdout stays clean for `list --format json` and similar.
    auto logger = spdlog::stderr_color_mt(name);
    logger->set_pattern("%H:%M:%S.%e %^%-5l%$ [%n] %v");
    logger->set_level(current_level);
    return logger;
}

bool set_level(std::string_view level) {
    const auto parsed = spdlog::level::from_str(std::string(level));
    if (parsed == spdlog::level::off && level != "off") {
        return false;
    }
    const std::lock_guard lock(registry_mutex);
    current_level = parsed;
    spdlog::apply_all([parsed](const std::shared_ptr<spdlog::logger>& l) { l->set_level(parsed); });
    return true;
}

} // namespace harness::log
