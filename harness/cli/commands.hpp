// The harness subcommands: list, run, rerun, report, doctor, images.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace harness::cli {

/// Process exit codes; documented in the README.
enum ExitCode : int {
    exit_ok = 0,          ///< every scenario met its expectation
    exit_unmet = 1,       ///< some scenario did not (FAIL, XPASS or ERROR)
    exit_usage = 2,       ///< bad command line, matrix or report file; nothing ran
    exit_environment = 3, ///< the host could not do what was asked (e.g. output not writable)
    exit_interrupted = 130,
};

/// Which scenarios of a matrix a command works on.
struct SelectionArgs {
    std::vector<std::string> ids;
    std::vector<std::string> filters;
    std::string shard; ///< "i/n", empty for all
};

struct ListArgs {
    std::filesystem::path matrix;
    SelectionArgs selection;
    std::string format = "text"; ///< text or json
    std::optional<std::filesystem::path> output;
};

struct RunArgs {
    std::filesystem::path matrix;
    SelectionArgs selection;
    int jobs = 1;
    int retries = 0;
    std::optional<double> stage_timeout_s;
    std::optional<double> scenario_timeout_s;
    std::optional<std::filesystem::path> output;
    bool reveal_secrets = false;
    bool quiet = false;
    std::optional<int> skip_exit_code; ///< exit with this when every scenario was SKIPPED
    std::string command_line;
};

struct RerunArgs {
    std::string id;
    std::optional<std::filesystem::path> matrix;
    std::optional<std::filesystem::path> from; ///< a run.json naming the matrix
    RunArgs run;                               ///< options passed on to run
};

struct ReportArgs {
    std::filesystem::path run_json;
    std::optional<std::filesystem::path> output;
    bool reveal_secrets = false;
};

struct DoctorArgs {
    std::string format = "text";
    std::optional<std::filesystem::path> matrix;
};

int list_command(const ListArgs& args);
int run_command(const RunArgs& args);
int rerun_command(const RerunArgs& args);
int report_command(const ReportArgs& args);
int doctor_command(const DoctorArgs& args);
int images_command(const std::string& action);

} // namespace harness::cli
