#include "scenario/scenario.hpp"

#include <array>

#include "scenario/result.hpp"

namespace harness::scenario {

namespace {
constexpr std::array<std::pair<Tier, std::string_view>, 3> tier_names{{
    {Tier::unit, "unit"},
    {Tier::netns, "netns"},
    {Tier::vm, "vm"},
}};
constexpr std::array<std::pair<StageStatus, std::string_view>, 4> status_names{{
    {StageStatus::passed, "passed"},
    {StageStatus::failed, "failed"},
    {StageStatus::skipped, "skipped"},
    {StageStatus::not_run, "not_run"},
}};

template <typename Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum v) {
    for (const auto& [value, name] : table) {
        if (value == v) {
            return name;
        }
    }
    return "unknown";
}

template <typename Enum, std::size_t N>
std::optional<Enum> value_of(const std::array<std::pair<Enum, std::string_view>, N>& table,
                             std::string_view n) {
    for (const auto& [value, name] : table) {
        if (name == n) {
            return value;
        }
    }
    return std::nullopt;
}
} // namespace

std::string_view to_string(Tier tier) {
    return name_of(tier_names, tier);
}
std::optional<Tier> parse_tier(std::string_view name) {
    return value_of(tier_names, name);
}

std::string_view to_string(StageStatus status) {
    return name_of(status_names, status);
}
std::optional<StageStatus> parse_stage_status(std::string_view name) {
    return value_of(status_names, name);
}

std::string Expectation::describe() const {
    if (outcome == Outcome::pass) {
        return "pass";
    }
    std::string text = "fail";
    if (stage) {
        text += " at ";
        text += to_string(*stage);
    }
    if (!reason_pattern.empty()) {
        text += " /" + reason_pattern + "/";
    }
    return text;
}

std::optional<std::string> Scenario::value(std::string_view dimension) const {
    for (const auto& [name, value] : values) {
        if (name == dimension) {
            return value;
        }
    }
    return std::nullopt;
}

} // namespace harness::scenario
