// A long-running program (a server daemon) in its own process group, optionally in a namespace.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace harness::lab {

/// What to start and how.
struct DaemonOptions {
    std::vector<std::string> exec_prefix;   ///< e.g. NetNamespace::exec_prefix(); empty: the host
    std::vector<std::string> argv;          ///< the program and its arguments
    std::map<std::string, std::string> env; ///< added to (or replacing) the current environment
    std::filesystem::path log_file;         ///< stdout and stderr go here (truncated)
    bool private_run = true; ///< mount a tmpfs on /run first (only inside a namespace)
    std::chrono::milliseconds grace{2000}; ///< from SIGTERM to SIGKILL
};

/// A started daemon; the destructor stops it. Only our own child is ever signalled or reaped.
class Daemon {
public:
    /// Starts the program; throws LabError when it cannot be executed.
    explicit Daemon(DaemonOptions options);
    ~Daemon();
    Daemon(Daemon&& other) noexcept;
    Daemon& operator=(Daemon&& other) noexcept;
    Daemon(const Daemon&) = delete;
    Daemon& operator=(const Daemon&) = delete;

    /// The full command line that was executed.
    static std::vector<std::string> command_line(const DaemonOptions& options);

    /// True while the process has not exited (reaps it when it has).
    bool running();

    /// Polls the predicate every few milliseconds until it holds (true) or the timeout passes or
    /// the daemon exits without it holding (false).
    bool wait_for(const std::function<bool()>& predicate, std::chrono::milliseconds timeout);

    /// SIGTERM to the process group, SIGKILL after the grace period, then reaps; returns the
    /// exit code (128 + signal when a signal ended it). Safe to call more than once.
    int stop();

    /// The process id (also its process group id); 0 once reaped.
    pid_t pid() const { return pid_; }

    /// The exit code once the process has been reaped.
    std::optional<int> exit_code() const { return exit_code_; }

    const std::filesystem::path& log_file() const { return options_.log_file; }

private:
    bool exited_unreaped() const;
    void reap_blocking();
    void release() noexcept;

    DaemonOptions options_;
    pid_t pid_ = 0;
    std::optional<int> exit_code_;
};

} // namespace harness::lab
