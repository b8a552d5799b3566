// Renders a RunReport as one self-contained HTML page: summary, filters, matrix, drill-down.
#pragma once

#include <filesystem>
#include <string>

#include "core/secret_masker.hpp"
#include "scenario/result.hpp"

namespace harness::report {

/// The page; evidence paths are resolved against `report_dir` to quote the ends of text logs.
std::string render_html(const scenario::RunReport& report, const SecretMasker& masker,
                        const std::filesystem::path& report_dir);

/// Writes render_html() to a file, quoting evidence found beside it.
void write_html(const scenario::RunReport& report, const SecretMasker& masker,
                const std::filesystem::path& file);

} // namespace harness::report
