// Renders a RunReport as run.json, the source of truth every other report is made from.
#pragma once

#include <filesystem>

#include <nlohmann/json.hpp>

#include "core/secret_masker.hpp"
#include "scenario/result.hpp"

namespace harness::report {

/// The report as JSON (docs/report-format.md); every free text passes through the masker.
nlohmann::ordered_json to_json(const scenario::RunReport& report, const SecretMasker& masker);

/// Writes to_json() to a file, indented; throws ReportError when the file cannot be written.
void write_json(const scenario::RunReport& report, const SecretMasker& masker,
                const std::filesystem::path& file);

/// Writes text to a file through a temporary sibling, so a reader never sees half a report.
void write_text_file(const std::filesystem::path& file, std::string_view text);

} // namespace harness::report
