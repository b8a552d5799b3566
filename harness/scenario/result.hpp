// What running scenarios produced: per-stage records, verdicts, evidence; the input of reports.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/stage.hpp"
#include "core/verdict.hpp"
#include "scenario/scenario.hpp"

namespace harness::scenario {

enum class StageStatus { passed, failed, skipped, not_run };

std::string_view to_string(StageStatus status);
std::optional<StageStatus> parse_stage_status(std::string_view name);

/// One stage of one scenario: how it ended and how long it took.
struct StageRecord {
    Stage stage = Stage::ike_sa;
    StageStatus status = StageStatus::not_run;
    double duration_s = 0.0;
    std::string detail; ///< failure reason, skip reason, or a note (e.g. chosen proposal)
};

/// A file that backs a verdict: a log, a capture, a rendered configuration.
struct EvidenceItem {
    std::string kind; ///< "client-log", "server-log", "pcap", "config", ...
    std::string path; ///< relative to the run's output folder
};

/// The judged outcome of one scenario.
struct ScenarioResult {
    std::string id;
    std::vector<std::pair<std::string, std::string>> values;
    Tier tier = Tier::netns;
    Expectation expected;
    Verdict verdict = Verdict::error;
    std::optional<Stage> last_stage; ///< the stage it ended in; none when nothing ran
    std::string reason;
    double duration_s = 0.0;
    std::vector<StageRecord> stages; ///< all nine, in order
    std::vector<EvidenceItem> evidence;
    int attempts = 1;
    bool flaky = false; ///< met its expectation only after a retry
    std::string rerun_command;
};

/// A whole run: the source of truth that every writer renders.
struct RunReport {
    std::string schema_version = "1";
    std::string matrix_name;
    std::string matrix_file;
    std::string started_at;  ///< ISO 8601, UTC
    std::string finished_at; ///< ISO 8601, UTC
    std::string host;
    std::string command_line;
    bool interrupted = false;      ///< stopped by SIGINT/SIGTERM; unfinished scenarios absent
    bool secrets_revealed = false; ///< --reveal-secrets was given
    std::vector<Dimension> dimensions;
    std::vector<ScenarioResult> scenarios;
};

} // namespace harness::scenario
