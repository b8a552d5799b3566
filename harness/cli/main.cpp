// Entry point: parses the command line with CLI11 and dispatches to a subcommand.
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "core/log.hpp"

namespace {

using namespace harness::cli;

std::string joined_command_line(int argc, char** argv) {
    std::string line;
    for (int i = 0; i < argc; ++i) {
        line += (i == 0 ? "" : " ");
        line += argv[i]; // NOLINT(cppcoreguidelines-pro-bounds-pointer-arithmetic)
    }
    return line;
}

void add_selection(CLI::App& command, SelectionArgs& selection) {
    command.add_option("--id", selection.ids, "run only this scenario id (repeatable)");
    command.add_option("--filter", selection.filters,
                       "glob over scenario ids, '*' crosses '/' (repeatable)");
    command.add_option("--shard", selection.shard, "run shard i of n, e.g. 2/4");
}

void add_run_options(CLI::App& command, RunArgs& run) {
    command.add_option("-j,--jobs", run.jobs, "parallel workers")->check(CLI::Range(1, 64));
    command
        .add_option("--retries", run.retries, "retries for a scenario that missed its expectation")
        ->check(CLI::Range(0, 10));
    command.add_option("--stage-timeout", run.stage_timeout_s, "seconds per stage")
        ->check(CLI::PositiveNumber);
    command.add_option("--scenario-timeout", run.scenario_timeout_s, "seconds per scenario")
        ->check(CLI::PositiveNumber);
    command.add_option("-o,--output", run.output,
                       "results folder (default: a new timestamped folder under reports/)");
    command.add_flag("--reveal-secrets", run.reveal_secrets,
                     "show pre-shared keys and passwords in reports");
    command.add_flag("-q,--quiet", run.quiet, "no progress output");
    command.add_option("--skip-exit-code", run.skip_exit_code,
                       "exit with this code when every selected scenario was SKIPPED");
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"L2TP/IPsec server interoperability harness"};
    app.require_subcommand(1);
    std::string log_level = "warn";
    app.add_option("--log-level", log_level, "error, warn, info, debug or trace")
        ->check(CLI::IsMember({"error", "warn", "info", "debug", "trace"}));

    ListArgs list;
    auto* list_cmd = app.add_subcommand("list", "print the scenario ids of a matrix");
    list_cmd->add_option("matrix", list.matrix, "matrix file")->required();
    add_selection(*list_cmd, list.selection);
    list_cmd->add_option("--format", list.format, "text or json")
        ->check(CLI::IsMember({"text", "json"}));
    list_cmd->add_option("-o,--output", list.output, "write to this file instead of stdout");

    RunArgs run;
    auto* run_cmd = app.add_subcommand("run", "run the scenarios of a matrix and write reports");
    run_cmd->add_option("matrix", run.matrix, "matrix file")->required();
    add_selection(*run_cmd, run.selection);
    add_run_options(*run_cmd, run);

    RerunArgs rerun;
    auto* rerun_cmd = app.add_subcommand("rerun", "run one scenario again");
    rerun_cmd->add_option("id", rerun.id, "scenario id")->required();
    rerun_cmd->add_option("--matrix", rerun.matrix, "matrix file (default: from --from)");
    rerun_cmd->add_option("--from", rerun.from,
                          "run.json of an earlier run (default: reports/latest)");
    add_run_options(*rerun_cmd, rerun.run);

    ReportArgs report;
    auto* report_cmd =
        app.add_subcommand("report", "render JUnit XML and HTML again from run.json");
    report_cmd->add_option("run_json", report.run_json, "run.json of a run")->required();
    report_cmd->add_option("-o,--output", report.output, "folder (default: beside run.json)");

    DoctorArgs doctor;
    auto* doctor_cmd = app.add_subcommand("doctor", "say what this host can run, and where");
    doctor_cmd->add_option("--format", doctor.format, "text or json")
        ->check(CLI::IsMember({"text", "json"}));
    doctor_cmd->add_option("--matrix", doctor.matrix, "also say which tier each scenario uses");

    std::string images_action = "list";
    auto* images_cmd = app.add_subcommand("images", "build, list or remove server VM images");
    images_cmd->add_option("action", images_action, "build, list or rm")
        ->check(CLI::IsMember({"build", "list", "rm"}));

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? exit_ok : exit_usage;
    }
    harness::log::set_level(log_level);
    run.command_line = joined_command_line(argc, argv);
    rerun.run.command_line = run.command_line;

    if (*list_cmd) {
        return list_command(list);
    }
    if (*run_cmd) {
        return run_command(run);
    }
    if (*rerun_cmd) {
        return rerun_command(rerun);
    }
    if (*report_cmd) {
        return report_command(report);
    }
    if (*doctor_cmd) {
        return doctor_command(doctor);
    }
    return images_command(images_action);
}
