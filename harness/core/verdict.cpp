#include "core/verdict.hpp"

#include <array>
#include <utility>

namespace harness {

namespace {
constexpr std::array<std::pair<Verdict, std::string_view>, 6> verdict_names{{
    {Verdict::pass, "PASS"},
    {Verdict::fail, "FAIL"},
    {Verdict::xfail, "XFAIL"},
    {Verdict::xpass, "XPASS"},
    {Verdict::error, "ERROR"},
    {Verdict::skipped, "SKIPPED"},
}};
} // namespace

std::string_view to_string(Verdict verdict) {
    for (const auto& [value, name] : verdict_names) {
        if (value == verdict) {
            return name;
        }
    }
    return "UNKNOWN";
}

std::optional<Verdict> parse_verdict(std::string_view name) {
    for (const auto& [value, name_of] : verdict_names) {
        if (name_of == name) {
            return value;
        }
    }
    return std::nullopt;
}

} // namespace harness
