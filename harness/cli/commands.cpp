#include "cli/commands.hpp"

#include <csignal>
#include <ctime>
#include <fstream>
#include <iostream>
#include <stop_token>
#include <thread>

#include <nlohmann/json.hpp>
#include <unistd.h>

#include "cli/tier_executor.hpp"
#include "core/secret_masker.hpp"
#include "lab/host_probe.hpp"
#include "report/json_reader.hpp"
#include "report/report_set.hpp"
#include "scenario/matrix_loader.hpp"
#include "scenario/progress.hpp"
#include "scenario/runner.hpp"
#include "scenario/selection.hpp"

namespace harness::cli {

namespace fs = std::filesystem;
using scenario::Matrix;
using scenario::RunReport;
using scenario::Scenario;

namespace {

constexpr const char* reports_root = "reports";

std::string utc_stamp(const char* format) {
    const std::time_t now = std::time(nullptr);
    std::tm parts{};
    gmtime_r(&now, &parts);
    std::array<char, 64> text{};
    const std::size_t n = std::strftime(text.data(), text.size(), format, &parts);
    return {text.data(), n};
}

std::string host_name() {
    std::array<char, 256> name{};
    if (gethostname(name.data(), name.size() - 1) != 0) {
        return "unknown";
    }
    return name.data();
}

// Loads and selects, printing validation errors; nullopt means "exit 2".
std::optional<std::pair<Matrix, std::vector<Scenario>>> load_selected(const fs::path& file,
                                                                      const SelectionArgs& args) {
    try {
        Matrix matrix = scenario::load_matrix(file);
        scenario::Selection selection{args.ids, args.filters, 1, 1};
        if (!args.shard.empty()) {
            const auto shard = scenario::parse_shard(args.shard);
            selection.shard_index = shard.index;
            selection.shard_count = shard.count;
        }
        auto selected = scenario::select(matrix.scenarios, selection);
        return std::make_pair(std::move(matrix), std::move(selected));
    } catch (const scenario::MatrixError& e) {
        for (const auto& line : e.errors) {
            std::cerr << line << '\n';
        }
    } catch (const scenario::SelectionError& e) {
        std::cerr << file.string() << ": " << e.what() << '\n';
    }
    return std::nullopt;
}

nlohmann::ordered_json scenario_list_json(const Matrix& matrix,
                                          const std::vector<Scenario>& scenarios) {
    nlohmann::ordered_json items = nlohmann::ordered_json::array();
    for (const auto& s : scenarios) {
        nlohmann::ordered_json values = nlohmann::ordered_json::object();
        for (const auto& [name, value] : s.values) {
            values[name] = value;
        }
        items.push_back({{"id", s.id},
                         {"tier", scenario::to_string(s.tier)},
                         {"expected", s.expect.describe()},
                         {"values", values}});
    }
    return {{"matrix", matrix.name},
            {"file", fs::absolute(matrix.file).lexically_normal().string()},
            {"tier", scenario::to_string(matrix.tier)},
            {"count", scenarios.size()},
            {"scenarios", items}};
}

std::string self_path() {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string("harness") : exe.string();
}

// Single-quotes a word for a POSIX shell when it needs it.
std::string shell_quote(const std::string& word) {
    if (word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                               "/._-=:") == std::string::npos) {
        return word;
    }
    std::string quoted = "'";
    for (char c : word) {
        quoted += (c == '\'') ? std::string("'\\''") : std::string(1, c);
    }
    return quoted + "'";
}

// Turns SIGINT and SIGTERM into a stop request, from a thread that waits for them.
class SignalStopper {
public:
    SignalStopper() {
        sigemptyset(&signals_);
        sigaddset(&signals_, SIGINT);
        sigaddset(&signals_, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &signals_, nullptr);
        waiter_ = std::jthread([this](const std::stop_token& done) { wait(done); });
    }
    SignalStopper(const SignalStopper&) = delete;
    SignalStopper& operator=(const SignalStopper&) = delete;
    ~SignalStopper() {
        waiter_.request_stop();
        waiter_.join();
        pthread_sigmask(SIG_UNBLOCK, &signals_, nullptr);
    }

    std::stop_token token() const { return source_.get_token(); }
    bool stopped() const { return source_.stop_requested(); }

private:
    void wait(const std::stop_token& done) {
        const timespec tick{0, 200'000'000};
        while (!done.stop_requested()) {
            if (sigtimedwait(&signals_, nullptr, &tick) > 0) {
                std::cerr << "\nharness: interrupted; finishing the report of what completed\n";
                source_.request_stop();
                return;
            }
        }
    }

    sigset_t signals_{};
    std::stop_source source_;
    std::jthread waiter_;
};

fs::path choose_output(const RunArgs& args, const Matrix& matrix) {
    if (args.output) {
        return *args.output;
    }
    return fs::path(reports_root) / (utc_stamp("%Y%m%d-%H%M%S") + "-" + matrix.name);
}

// Points reports/latest at the newest run, so that `rerun` finds it without arguments.
void update_latest(const fs::path& output) {
    if (output.parent_path() != fs::path(reports_root)) {
        return;
    }
    std::error_code ec;
    const fs::path link = fs::path(reports_root) / "latest";
    fs::remove(link, ec);
    fs::create_directory_symlink(output.filename(), link, ec);
}

scenario::Timeouts effective_timeouts(const RunArgs& args, const Matrix& matrix) {
    scenario::Timeouts timeouts = matrix.timeouts;
    if (args.stage_timeout_s) {
        timeouts.stage_s = *args.stage_timeout_s;
    }
    if (args.scenario_timeout_s) {
        timeouts.scenario_s = *args.scenario_timeout_s;
    }
    return timeouts;
}

RunReport make_report(const RunArgs& args, const Matrix& matrix) {
    RunReport report;
    report.matrix_name = matrix.name;
    report.matrix_file = fs::absolute(matrix.file).lexically_normal().string();
    report.started_at = utc_stamp("%Y-%m-%dT%H:%M:%SZ");
    report.host = host_name();
    report.command_line = args.command_line;
    report.secrets_revealed = args.reveal_secrets;
    report.dimensions = matrix.dimensions;
    return report;
}

int exit_code_for(const RunReport& report, const RunArgs& args) {
    bool all_skipped = !report.scenarios.empty();
    bool all_met = true;
    for (const auto& result : report.scenarios) {
        all_met = all_met && meets_expectation(result.verdict);
        all_skipped = all_skipped && result.verdict == Verdict::skipped;
    }
    if (report.interrupted) {
        return exit_interrupted;
    }
    if (!all_met) {
        return exit_unmet;
    }
    return (all_skipped && args.skip_exit_code) ? *args.skip_exit_code : exit_ok;
}

int run_selected(const RunArgs& args, const Matrix& matrix, const std::vector<Scenario>& chosen) {
    const fs::path output = choose_output(args, matrix);
    std::error_code ec;
    fs::create_directories(output, ec);
    if (ec) {
        std::cerr << "harness: cannot create " << output.string() << ": " << ec.message() << '\n';
        return exit_environment;
    }
    SecretMasker masker;
    for (const auto& secret : matrix.secrets) {
        masker.add(secret);
    }
    masker.set_reveal(args.reveal_secrets);

    TierExecutor executor(lab::decide(lab::gather_facts()));
    scenario::ConsoleProgress progress(std::cerr, isatty(STDERR_FILENO) == 1);
    scenario::RunOptions options;
    options.jobs = args.jobs;
    options.retries = args.retries;
    options.timeouts = effective_timeouts(args, matrix);
    options.output_dir = output;
    options.progress = args.quiet ? nullptr : &progress;
    const std::string matrix_arg = fs::absolute(matrix.file).lexically_normal().string();
    options.rerun_command = [&](const Scenario& s) {
        return shell_quote(self_path()) + " run " + shell_quote(matrix_arg) + " --id " +
               shell_quote(s.id);
    };

    RunReport report = make_report(args, matrix);
    SignalStopper stopper;
    scenario::Runner runner(executor, options);
    report.scenarios = runner.run(chosen, stopper.token());
    report.interrupted = runner.interrupted();
    report.finished_at = utc_stamp("%Y-%m-%dT%H:%M:%SZ");

    const auto written = report::write_all(report, masker, output);
    update_latest(output);
    std::cout << "report: " << fs::absolute(written.html).lexically_normal().string() << '\n'
              << "json:   " << fs::absolute(written.json).lexically_normal().string() << '\n'
              << "junit:  " << fs::absolute(written.junit).lexically_normal().string() << '\n';
    return exit_code_for(report, args);
}

} // namespace

int list_command(const ListArgs& args) {
    auto loaded = load_selected(args.matrix, args.selection);
    if (!loaded) {
        return exit_usage;
    }
    const auto& [matrix, scenarios] = *loaded;
    std::ofstream file;
    if (args.output) {
        file.open(*args.output);
        if (!file) {
            std::cerr << "harness: cannot write " << args.output->string() << '\n';
            return exit_environment;
        }
    }
    std::ostream& out = args.output ? file : std::cout;
    if (args.format == "json") {
        out << scenario_list_json(matrix, scenarios).dump(2) << '\n';
        return exit_ok;
    }
    for (const auto& s : scenarios) {
        out << s.id << '\n';
    }
    return exit_ok;
}

int run_command(const RunArgs& args) {
    auto loaded = load_selected(args.matrix, args.selection);
    if (!loaded) {
        return exit_usage;
    }
    const auto& [matrix, scenarios] = *loaded;
    if (scenarios.empty()) {
        std::cerr << "harness: no scenario of " << args.matrix.string() << " is selected\n";
        return exit_usage;
    }
    try {
        return run_selected(args, matrix, scenarios);
    } catch (const std::exception& e) {
        std::cerr << "harness: " << e.what() << '\n';
        return exit_environment;
    }
}

int rerun_command(const RerunArgs& args) {
    RunArgs run = args.run;
    run.selection.ids = {args.id};
    if (args.matrix) {
        run.matrix = *args.matrix;
        return run_command(run);
    }
    const fs::path from = args.from.value_or(fs::path(reports_root) / "latest" / "run.json");
    try {
        run.matrix = report::read_json(from).matrix_file;
    } catch (const std::exception& e) {
        std::cerr << "harness: cannot find the matrix of " << args.id << ": " << e.what()
                  << "\n(give --matrix FILE or --from RUN_JSON)\n";
        return exit_usage;
    }
    return run_command(run);
}

int report_command(const ReportArgs& args) {
    try {
        const RunReport report = report::read_json(args.run_json);
        const fs::path dir = args.output.value_or(args.run_json.parent_path());
        // The JSON was masked when it was written; an empty masker keeps it exactly as it is.
        const SecretMasker masker;
        const auto written = report::write_all(report, masker, dir);
        std::cout << "report: " << fs::absolute(written.html).lexically_normal().string() << '\n';
        return exit_ok;
    } catch (const report::ReportError& e) {
        std::cerr << e.what() << '\n';
        return exit_usage;
    } catch (const std::exception& e) {
        std::cerr << "harness: " << e.what() << '\n';
        return exit_environment;
    }
}

int doctor_command(const DoctorArgs& args) {
    const lab::HostReport host = lab::decide(lab::gather_facts());
    std::optional<Matrix> matrix;
    if (args.matrix) {
        auto loaded = load_selected(*args.matrix, {});
        if (!loaded) {
            return exit_usage;
        }
        matrix = std::move(loaded->first);
    }
    if (args.format == "json") {
        nlohmann::json out = lab::to_json(host);
        if (matrix) {
            out["matrix"] = {{"name", matrix->name},
                             {"scenarios", matrix->scenarios.size()},
                             {"tier", scenario::to_string(matrix->tier)},
                             {"plan", tier_plan(matrix->tier, host)}};
        }
        std::cout << out.dump(2) << '\n';
        return exit_ok;
    }
    for (const auto& check : host.checks) {
        const char* mark = check.status == lab::Capability::yes  ? "yes    "
                           : check.status == lab::Capability::no ? "no     "
                                                                 : "unknown";
        std::cout << mark << "  " << check.name << ": " << check.detail << '\n';
    }
    std::cout << '\n' << lab::describe_tiers(host);
    if (matrix) {
        std::cout << '\n'
                  << matrix->name << " (" << matrix->scenarios.size() << " scenarios, tier "
                  << scenario::to_string(matrix->tier) << "): " << tier_plan(matrix->tier, host)
                  << '\n';
    }
    return exit_ok;
}

int images_command(const std::string& action) {
    // TODO-vm: no image recipes yet; `images` has nothing to build, list or remove.
    std::cerr << "harness images " << action
              << ": this build has no VM image recipes (vm-images/ is empty), so there is "
                 "nothing to "
              << (action == "build" ? "build"
                  : action == "rm"  ? "remove"
                                    : "list")
              << '\n';
    return exit_environment;
}

} // namespace harness::cli
