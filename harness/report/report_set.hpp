// Writes a run's three report files side by side in its output folder.
#pragma once

#include <filesystem>

#include "core/secret_masker.hpp"
#include "scenario/result.hpp"

namespace harness::report {

/// Where write_all() put each report.
struct WrittenReport {
    std::filesystem::path json;
    std::filesystem::path junit;
    std::filesystem::path html;
};

/// Writes run.json, junit.xml and report.html into dir, creating it; throws ReportError.
WrittenReport write_all(const scenario::RunReport& report, const SecretMasker& masker,
                        const std::filesystem::path& dir);

} // namespace harness::report
