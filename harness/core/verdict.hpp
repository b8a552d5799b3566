// Verdicts: what a scenario's outcome means once compared with its expectation.
#pragma once

#include <optional>
#include <string_view>

namespace harness {

/// PASS/FAIL/XFAIL/XPASS/ERROR/SKIPPED, as DESIGN.md defines them.
enum class Verdict {
    pass,    ///< expected to pass, and passed
    fail,    ///< did not do what was expected of it
    xfail,   ///< expected to fail at a stage, and failed there
    xpass,   ///< expected to fail, but got past that stage
    error,   ///< the lab itself broke; says nothing about the server
    skipped, ///< could not run here; the reason says why
};

/// Upper-case report spelling: "PASS", "XFAIL", ...
std::string_view to_string(Verdict verdict);

/// Parses the report spelling (case-sensitive); nullopt otherwise.
std::optional<Verdict> parse_verdict(std::string_view name);

/// True when the verdict does not make a run fail: PASS, XFAIL and SKIPPED.
constexpr bool meets_expectation(Verdict verdict) {
    return verdict == Verdict::pass || verdict == Verdict::xfail || verdict == Verdict::skipped;
}

} // namespace harness
