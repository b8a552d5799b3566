// The pieces report.html is assembled from; shared only between the html_*.cpp files.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/secret_masker.hpp"
#include "scenario/result.hpp"

namespace harness::report::html {

/// The CSS class that colours a verdict: "v-pass", "v-xfail", ...
std::string verdict_class(Verdict verdict);

/// The class and data-* attributes the filter script matches a scenario element by.
std::string filter_attributes(const scenario::RunReport& report,
                              const scenario::ScenarioResult& result, std::string_view classes);

/// The anchor of a scenario's details element: "s-<index>".
std::string details_id(std::size_t index);

/// One table per pair of dimensions with more than one value, and the pair picker.
std::string matrix_section(const scenario::RunReport& report);

/// One <details> per scenario, quoting text evidence found under report_dir.
std::string details_section(const scenario::RunReport& report, const SecretMasker& masker,
                            const std::filesystem::path& report_dir);

/// The last `max_lines` lines of a text file, or nullopt when it is missing or binary.
std::optional<std::string> tail_lines(const std::filesystem::path& file, std::size_t max_lines);

std::string_view style_sheet();
std::string_view script();

} // namespace harness::report::html
