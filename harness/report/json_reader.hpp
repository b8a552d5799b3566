// Reads run.json back into a RunReport: the exact inverse of json_writer.
#pragma once

#include <filesystem>
#include <string_view>

#include <nlohmann/json.hpp>

#include "report/report_error.hpp"
#include "scenario/result.hpp"

namespace harness::report {

/// Parses a run.json file; throws ReportError naming the file, the JSON pointer and the fault.
scenario::RunReport read_json(const std::filesystem::path& file);

/// Converts a parsed document; `source` names it in error messages.
scenario::RunReport from_json(const nlohmann::ordered_json& doc, std::string_view source);

} // namespace harness::report
