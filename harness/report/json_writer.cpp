// run.json: the report's canonical form, read back by json_reader.
#include "report/json_writer.hpp"

#include <array>
#include <fstream>

#include "report/report_error.hpp"

namespace harness::report {

namespace {

using nlohmann::ordered_json;
using scenario::Expectation;
using scenario::ScenarioResult;

ordered_json stage_or_null(const std::optional<Stage>& stage) {
    return stage ? ordered_json(to_string(*stage)) : ordered_json(nullptr);
}

ordered_json summary_json(const scenario::RunReport& report) {
    constexpr std::array verdicts{Verdict::pass,  Verdict::fail,  Verdict::xfail,
                                  Verdict::xpass, Verdict::error, Verdict::skipped};
    ordered_json summary;
    summary["total"] = report.scenarios.size();
    for (const Verdict verdict : verdicts) {
        std::size_t count = 0;
        for (const ScenarioResult& result : report.scenarios) {
            count += result.verdict == verdict ? 1U : 0U;
        }
        summary[std::string(to_string(verdict))] = count;
    }
    std::size_t flaky = 0;
    for (const ScenarioResult& result : report.scenarios) {
        flaky += result.flaky ? 1U : 0U;
    }
    summary["flaky"] = flaky;
    return summary;
}

ordered_json expectation_json(const Expectation& expected, const SecretMasker& masker) {
    return {
        {"outcome", expected.outcome == Expectation::Outcome::pass ? "pass" : "fail"},
        {"stage", stage_or_null(expected.stage)},
        {"reason_pattern", masker.mask(expected.reason_pattern)},
        {"source", expected.source},
        {"text", masker.mask(expected.describe())},
    };
}

ordered_json stages_json(const ScenarioResult& result, const SecretMasker& masker) {
    ordered_json stages = ordered_json::array();
    for (const scenario::StageRecord& record : result.stages) {
        stages.push_back({
            {"stage", to_string(record.stage)},
            {"status", to_string(record.status)},
            {"duration_s", record.duration_s},
            {"detail", masker.mask(record.detail)},
        });
    }
    return stages;
}

ordered_json evidence_json(const ScenarioResult& result) {
    ordered_json evidence = ordered_json::array();
    for (const scenario::EvidenceItem& item : result.evidence) {
        evidence.push_back({{"kind", item.kind}, {"path", item.path}});
    }
    return evidence;
}

ordered_json scenario_json(const ScenarioResult& result, const SecretMasker& masker) {
    ordered_json values = ordered_json::object();
    for (const auto& [name, value] : result.values) {
        values[name] = value;
    }
    return {
        {"id", result.id},
        {"values", values},
        {"tier", to_string(result.tier)},
        {"expected", expectation_json(result.expected, masker)},
        {"verdict", to_string(result.verdict)},
        {"last_stage", stage_or_null(result.last_stage)},
        {"reason", masker.mask(result.reason)},
        {"duration_s", result.duration_s},
        {"attempts", result.attempts},
        {"flaky", result.flaky},
        {"rerun_command", masker.mask(result.rerun_command)},
        {"stages", stages_json(result, masker)},
        {"evidence", evidence_json(result)},
    };
}

} // namespace

ordered_json to_json(const scenario::RunReport& report, const SecretMasker& masker) {
    ordered_json doc;
    doc["schema_version"] = report.schema_version;
    doc["matrix"] = {{"name", report.matrix_name}, {"file", report.matrix_file}};
    doc["started_at"] = report.started_at;
    doc["finished_at"] = report.finished_at;
    doc["host"] = report.host;
    doc["command_line"] = masker.mask(report.command_line);
    doc["interrupted"] = report.interrupted;
    // A revealing masker puts secrets into this file even when the run itself did not ask.
    doc["secrets_revealed"] = report.secrets_revealed || masker.reveals();
    doc["dimensions"] = ordered_json::array();
    for (const scenario::Dimension& dimension : report.dimensions) {
        doc["dimensions"].push_back({{"name", dimension.name}, {"values", dimension.values}});
    }
    doc["summary"] = summary_json(report);
    doc["scenarios"] = ordered_json::array();
    for (const ScenarioResult& result : report.scenarios) {
        doc["scenarios"].push_back(scenario_json(result, masker));
    }
    return doc;
}

void write_text_file(const std::filesystem::path& file, std::string_view text) {
    std::filesystem::path temporary = file;
    temporary += ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        out.close();
        if (!out) {
            throw ReportError(file.string() + ": cannot write the file");
        }
    }
    std::error_code error;
    std::filesystem::rename(temporary, file, error);
    if (error) {
        std::filesystem::remove(temporary, error);
        throw ReportError(file.string() + ": cannot replace the file: " + error.message());
    }
}

void write_json(const scenario::RunReport& report, const SecretMasker& masker,
                const std::filesystem::path& file) {
    // Replace invalid UTF-8 rather than throw halfway through a run's only record.
    const std::string text =
        to_json(report, masker).dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
    write_text_file(file, text + "\n");
}

} // namespace harness::report
