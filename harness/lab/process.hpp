// Child processes for the lab: run a program with a timeout and capture what it prints.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace harness::lab {

/// What a finished (or abandoned) child process left behind.
struct CommandResult {
    int exit_code = -1; ///< exit status; 128 + signal when a signal ended it; -1 when never run
    std::string out;
    std::string err;
    bool timed_out = false; ///< the timeout struck before the child and its output were done
    std::string error;      ///< why the program could not be run at all (empty when it ran)
    double duration_s = 0.0;

    /// True when the program ran, finished in time and exited with status 0.
    bool ok() const { return error.empty() && !timed_out && exit_code == 0; }
};

/// Runs argv (argv[0] is looked up with find_program) with stdin on /dev/null, capturing stdout
/// and stderr. At the timeout the child is killed and reaped. Never throws for a missing or
/// failing program: the result says what happened.
CommandResult run_command(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                          const std::map<std::string, std::string>& extra_env = {});

/// The executable file `name` found in PATH, then /usr/sbin and /sbin; a name containing '/'
/// is taken as a path. nullopt when there is none.
std::optional<std::filesystem::path> find_program(std::string_view name);

/// The current environment with extra_env's entries added or replaced, as "KEY=VALUE" strings.
std::vector<std::string> merged_environment(const std::map<std::string, std::string>& extra_env);

} // namespace harness::lab
