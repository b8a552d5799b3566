// Builds the sample report the report tests share.
#include "sample_report.hpp"

#include <array>
#include <fstream>
#include <random>
#include <sstream>

#include <fmt/format.h>

namespace harness::report::testing {

namespace {

using scenario::RunReport;
using scenario::ScenarioResult;
using scenario::StageRecord;
using scenario::StageStatus;

constexpr std::array verdict_cycle{Verdict::pass,  Verdict::fail,  Verdict::xfail,
                                   Verdict::xpass, Verdict::error, Verdict::skipped};

// Stages up to the last one passed, the last one ends with the given status, the rest not run.
std::vector<StageRecord> stages_until(Stage last, StageStatus last_status,
                                      const std::string& detail) {
    std::vector<StageRecord> records;
    for (const Stage stage : all_stages) {
        StageRecord record{stage, StageStatus::not_run, 0.0, ""};
        if (stage_index(stage) < stage_index(last)) {
            record.status = StageStatus::passed;
            record.duration_s = 0.125 * (stage_index(stage) + 1);
        } else if (stage == last) {
            record.status = last_status;
            record.duration_s = 1.5;
            record.detail = detail;
        }
        records.push_back(record);
    }
    return records;
}

scenario::Expectation expectation_for(Verdict verdict) {
    if (verdict == Verdict::xfail || verdict == Verdict::xpass) {
        return {scenario::Expectation::Outcome::fail, Stage::ike_sa, "NO_PROPOSAL_CHOSEN",
                "/expect/0"};
    }
    return {scenario::Expectation::Outcome::pass, std::nullopt, "", "default"};
}

void apply_verdict(ScenarioResult& result, Verdict verdict) {
    const std::string psk(sample_psk);
    const std::string password(sample_password);
    result.verdict = verdict;
    result.expected = expectation_for(verdict);
    result.last_stage = Stage::teardown;
    result.stages = stages_until(Stage::teardown, StageStatus::passed, "");
    if (verdict == Verdict::fail) {
        result.last_stage = Stage::ppp_auth;
        result.reason = "MS-CHAPv2 rejected <user> & \"peer\" 'x' password " + password + "\x01!";
        result.stages =
            stages_until(Stage::ppp_auth, StageStatus::failed,
                         "auth failed with password=" + password + " \xC3\xA9t\xC3\xA9");
    } else if (verdict == Verdict::xfail || verdict == Verdict::error) {
        result.last_stage = Stage::ike_sa;
        result.reason = "NO_PROPOSAL_CHOSEN for psk " + psk + " <3des> & more";
        result.stages = stages_until(Stage::ike_sa, StageStatus::failed, "psk=" + psk);
    } else if (verdict == Verdict::skipped) {
        result.last_stage = std::nullopt;
        result.reason = "host kernel lacks ESP";
        result.stages = stages_until(Stage::ike_sa, StageStatus::skipped, "host kernel lacks ESP");
    }
}

ScenarioResult make_result(const std::array<std::string, 3>& values, std::size_t index) {
    ScenarioResult result;
    result.id = values[0] + "/" + values[1] + "/" + values[2];
    result.values = {{"client", values[0]}, {"auth", values[1]}, {"nat", values[2]}};
    result.tier = index % 2 == 0 ? scenario::Tier::netns : scenario::Tier::vm;
    apply_verdict(result, verdict_cycle.at(index % verdict_cycle.size()));
    result.duration_s = 2.25 + static_cast<double>(index);
    result.attempts = index == 6 ? 2 : 1;
    result.flaky = index == 6;
    result.rerun_command =
        "harness rerun --matrix m.json --id '" + result.id + "' --psk " + std::string(sample_psk);
    const std::string folder = "scenarios/" + std::to_string(index);
    result.evidence = {{"client-log", folder + "/client.log"},
                       {"config", folder + "/ipsec.conf"},
                       {"pcap", folder + "/capture.pcap"}};
    return result;
}

} // namespace

RunReport sample_report() {
    RunReport report;
    report.matrix_name = "pocketpc<&>";
    report.matrix_file = "scenarios/pocketpc.json";
    report.started_at = "2024-05-01T10:00:00Z";
    report.finished_at = "2024-05-01T10:05:30Z";
    report.host = "lab-1";
    report.command_line = "harness run scenarios/pocketpc.json --psk " + std::string(sample_psk);
    report.dimensions = {{"client", {"ppc2003", "wm6", "win2003"}},
                         {"auth", {"psk", "cert"}},
                         {"nat", {"none", "nat"}}};
    std::size_t index = 0;
    for (const std::string& client : report.dimensions[0].values) {
        for (const std::string& auth : report.dimensions[1].values) {
            for (const std::string& nat : report.dimensions[2].values) {
                report.scenarios.push_back(make_result({client, auth, nat}, index++));
            }
        }
    }
    return report;
}

SecretMasker sample_masker() {
    SecretMasker masker;
    masker.add(std::string(sample_psk));
    masker.add(std::string(sample_password));
    return masker;
}

void write_sample_evidence(const std::filesystem::path& dir) {
    for (std::size_t index = 0; index < 12; ++index) {
        const std::filesystem::path folder = dir / "scenarios" / std::to_string(index);
        std::filesystem::create_directories(folder);
        std::ofstream log(folder / "client.log");
        for (int line = 1; line <= 250; ++line) {
            log << fmt::format("log-line-{:03} ike {}\n", line,
                               line == 240 ? "psk " + std::string(sample_psk) : "ok");
        }
        std::ofstream(folder / "ipsec.conf")
            << "conn l2tp\n  # password " << sample_password << "\n  leftprotoport=17/1701\n";
        std::ofstream(folder / "capture.pcap", std::ios::binary)
            << std::string("\xD4\xC3\xB2\xA1\0\0", 6);
    }
}

std::string read_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

TempDir::TempDir() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            fmt::format("harness-report-test-{:08x}", random());
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code error;
    std::filesystem::remove_all(path_, error);
}

} // namespace harness::report::testing
