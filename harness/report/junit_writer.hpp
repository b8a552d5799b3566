// Renders a RunReport as JUnit XML for CI systems that show test results.
#pragma once

#include <filesystem>
#include <string>

#include "core/secret_masker.hpp"
#include "scenario/result.hpp"

namespace harness::report {

/// The JUnit XML document (tests/data/junit.xsd describes it); all text is masked.
std::string render_junit(const scenario::RunReport& report, const SecretMasker& masker);

/// Writes render_junit() to a file; throws ReportError when the file cannot be written.
void write_junit(const scenario::RunReport& report, const SecretMasker& masker,
                 const std::filesystem::path& file);

/// The stage records as aligned plain-text columns, one stage a line (masked).
std::string stage_table_text(const scenario::ScenarioResult& result, const SecretMasker& masker);

} // namespace harness::report
