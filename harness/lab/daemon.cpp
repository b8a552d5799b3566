// Daemons by fork/exec: a process group of their own so that stopping one takes its children.
#include "lab/daemon.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <thread>
#include <utility>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lab/netns.hpp"
#include "lab/process.hpp"

namespace harness::lab {

namespace {

// The script that gives the daemon a /run of its own; ip netns exec already made the mount
// namespace private, so the tmpfs is never seen by the host.
constexpr const char* private_run_script = "mount -t tmpfs tmpfs /run && exec \"$@\"";

std::vector<char*> c_strings(std::vector<std::string>& strings) {
    std::vector<char*> pointers;
    pointers.reserve(strings.size() + 1);
    for (std::string& s : strings) {
        pointers.push_back(s.data());
    }
    pointers.push_back(nullptr);
    return pointers;
}

int decode_status(int status) {
    if (WIFEXITED(status)) {
        return WEXITSTATUS(status);
    }
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
}

// In the child between fork and exec: only async-signal-safe calls. On failure the errno goes
// to the parent through the close-on-exec pipe.
[[noreturn]] void exec_child(int log_fd, int report_fd, char* const* argv, char* const* envp) {
    ::setpgid(0, 0);
    const int null_fd = ::open("/dev/null", O_RDONLY);
    if (null_fd >= 0) {
        ::dup2(null_fd, STDIN_FILENO);
    }
    ::dup2(log_fd, STDOUT_FILENO);
    ::dup2(log_fd, STDERR_FILENO);
    ::execve(argv[0], argv, envp);
    const int error = errno;
    (void)!::write(report_fd, &error, sizeof error);
    ::_exit(127);
}

} // namespace

std::vector<std::string> Daemon::command_line(const DaemonOptions& options) {
    std::vector<std::string> argv = options.exec_prefix;
    if (options.private_run && !options.exec_prefix.empty()) {
        argv.insert(argv.end(), {"sh", "-c", private_run_script, "sh"});
    }
    argv.insert(argv.end(), options.argv.begin(), options.argv.end());
    return argv;
}

Daemon::Daemon(DaemonOptions options) : options_(std::move(options)) {
    std::vector<std::string> argv = command_line(options_);
    if (argv.empty()) {
        throw LabError("daemon: empty command");
    }
    const auto exe = find_program(argv.front());
    if (!exe) {
        throw LabError("daemon: program not found: " + argv.front());
    }
    argv.front() = exe->string();
    std::vector<std::string> env = merged_environment(options_.env);
    const std::vector<char*> c_argv = c_strings(argv);
    const std::vector<char*> c_env = c_strings(env);

    const int log_fd =
        ::open(options_.log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (log_fd < 0) {
        throw LabError("daemon: cannot open " + options_.log_file.string() + ": " +
                       std::strerror(errno));
    }
    int report[2] = {-1, -1};
    if (::pipe2(report, O_CLOEXEC) != 0) {
        ::close(log_fd);
        throw LabError(std::string("daemon: pipe: ") + std::strerror(errno));
    }
    pid_ = ::fork();
    if (pid_ == 0) {
        exec_child(log_fd, report[1], c_argv.data(), c_env.data());
    }
    const int fork_errno = errno;
    ::close(log_fd);
    ::close(report[1]);
    if (pid_ < 0) {
        ::close(report[0]);
        pid_ = 0;
        throw LabError(std::string("daemon: fork: ") + std::strerror(fork_errno));
    }
    // Also set the group from here: whichever of the two runs first, it is in place on return.
    ::setpgid(pid_, pid_);

    int exec_errno = 0;
    const ssize_t got = ::read(report[0], &exec_errno, sizeof exec_errno);
    ::close(report[0]);
    if (got == static_cast<ssize_t>(sizeof exec_errno)) {
        reap_blocking();
        throw LabError("daemon: cannot execute " + argv.front() + ": " + std::strerror(exec_errno));
    }
}

Daemon::~Daemon() {
    release();
}

Daemon::Daemon(Daemon&& other) noexcept
    : options_(std::move(other.options_)), pid_(std::exchange(other.pid_, 0)),
      exit_code_(other.exit_code_) {}

Daemon& Daemon::operator=(Daemon&& other) noexcept {
    if (this != &other) {
        release();
        options_ = std::move(other.options_);
        pid_ = std::exchange(other.pid_, 0);
        exit_code_ = other.exit_code_;
    }
    return *this;
}

void Daemon::release() noexcept {
    if (pid_ > 0) {
        (void)stop();
    }
}

bool Daemon::exited_unreaped() const {
    // WNOWAIT: look without reaping, so that the pid (and the group id) cannot be reused yet.
    siginfo_t info{};
    return ::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
           info.si_pid == pid_;
}

void Daemon::reap_blocking() {
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    exit_code_ = decode_status(status);
    pid_ = 0;
}

bool Daemon::running() {
    if (pid_ <= 0) {
        return false;
    }
    if (!exited_unreaped()) {
        return true;
    }
    ::kill(-pid_, SIGKILL); // children the daemon left behind in its group
    reap_blocking();
    return false;
}

bool Daemon::wait_for(const std::function<bool()>& predicate, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        if (predicate()) {
            return true;
        }
        if (!running() || std::chrono::steady_clock::now() >= deadline) {
            return predicate();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

int Daemon::stop() {
    if (pid_ <= 0) {
        return exit_code_.value_or(-1);
    }
    ::kill(-pid_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + options_.grace;
    while (!exited_unreaped() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    // The leader is a zombie or still running: either way its group id is still ours.
    ::kill(-pid_, SIGKILL);
    reap_blocking();
    return exit_code_.value_or(-1);
}

} // namespace harness::lab
