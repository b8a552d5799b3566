// Child processes through Boost.Process v2: pipes for stdout and stderr, a timer for the timeout.
#include "lab/process.hpp"

#include <cstdlib>
#include <exception>
#include <functional>
#include <utility>

#include <boost/asio/io_context.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/readable_pipe.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/process/v2/process.hpp>
#include <boost/process/v2/src.hpp>
#include <boost/process/v2/stdio.hpp>
#include <sys/wait.h>
#include <unistd.h>

namespace harness::lab {

namespace {

namespace asio = boost::asio;
namespace bp = boost::process::v2;
using boost::system::error_code;

// One output stream of the child, read until end of file.
struct Capture {
    explicit Capture(asio::io_context& ctx) : pipe(ctx) {}

    asio::readable_pipe pipe;
    std::string text;
    bool done = false;
};

bool is_executable_file(const std::filesystem::path& path) {
    std::error_code ec;
    return std::filesystem::is_regular_file(path, ec) && ::access(path.c_str(), X_OK) == 0;
}

std::vector<std::string> search_dirs() {
    std::vector<std::string> dirs;
    const char* path = std::getenv("PATH");
    std::string_view rest = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
    while (!rest.empty()) {
        const auto colon = rest.find(':');
        dirs.emplace_back(rest.substr(0, colon));
        rest = colon == std::string_view::npos ? std::string_view{} : rest.substr(colon + 1);
    }
    dirs.emplace_back("/usr/sbin");
    dirs.emplace_back("/sbin");
    return dirs;
}

int decode_status(int status) {
    if (WIFEXITED(status)) {
        return WEXITSTATUS(status);
    }
    if (WIFSIGNALED(status)) {
        return 128 + WTERMSIG(status);
    }
    return -1;
}

void start_read(Capture& capture, const std::function<void()>& on_done) {
    asio::async_read(capture.pipe, asio::dynamic_buffer(capture.text),
                     [&capture, on_done](const error_code&, std::size_t) {
                         capture.done = true;
                         on_done();
                     });
}

// Runs the loop until the child has exited and both pipes reached end of file, or the timeout
// struck: then the child is killed (it is ours, by its handle) and the pipes are abandoned.
void supervise(asio::io_context& ctx, bp::process& proc, Capture& out, Capture& err,
               std::chrono::milliseconds timeout, CommandResult& result) {
    bool exited = false;
    asio::steady_timer timer(ctx, timeout);
    const auto settle = [&] {
        if (exited && out.done && err.done) {
            timer.cancel();
        }
    };
    start_read(out, settle);
    start_read(err, settle);
    proc.async_wait([&](const error_code&, int) {
        exited = true;
        settle();
    });
    timer.async_wait([&](const error_code& timer_ec) {
        if (timer_ec) {
            return;
        }
        result.timed_out = true;
        error_code ignored;
        if (!exited) {
            proc.terminate(ignored); // async_wait then reaps it
        }
        // A grandchild may still hold the pipes open: stop reading them.
        out.pipe.close(ignored);
        err.pipe.close(ignored);
    });
    ctx.run();
}

void launch_and_wait(const std::filesystem::path& exe, const std::vector<std::string>& argv,
                     std::chrono::milliseconds timeout,
                     const std::map<std::string, std::string>& extra_env, CommandResult& result) {
    asio::io_context ctx;
    Capture out(ctx);
    Capture err(ctx);
    const std::vector<std::string> env = merged_environment(extra_env);
    const std::vector<std::string> args(argv.begin() + 1, argv.end());

    error_code ec;
    bp::process proc = bp::default_process_launcher()(
        ctx.get_executor(), ec, bp::filesystem::path(exe.string()), args,
        bp::process_stdio{nullptr, out.pipe, err.pipe}, bp::process_environment(env));
    if (ec) {
        result.error = "cannot start " + exe.string() + ": " + ec.message();
        return;
    }
    supervise(ctx, proc, out, err, timeout, result);

    proc.wait(ec); // normally a no-op: async_wait has already reaped it
    result.exit_code = decode_status(proc.native_exit_code());
    result.out = std::move(out.text);
    result.err = std::move(err.text);
}

} // namespace

std::optional<std::filesystem::path> find_program(std::string_view name) {
    if (name.empty()) {
        return std::nullopt;
    }
    if (name.find('/') != std::string_view::npos) {
        std::filesystem::path path(name);
        return is_executable_file(path) ? std::optional(path) : std::nullopt;
    }
    for (const std::string& dir : search_dirs()) {
        std::filesystem::path candidate = std::filesystem::path(dir.empty() ? "." : dir) / name;
        if (is_executable_file(candidate)) {
            return candidate;
        }
    }
    return std::nullopt;
}

CommandResult run_command(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                          const std::map<std::string, std::string>& extra_env) {
    CommandResult result;
    const auto start = std::chrono::steady_clock::now();
    if (argv.empty()) {
        result.error = "empty command";
        return result;
    }
    const auto exe = find_program(argv.front());
    if (!exe) {
        result.error = "program not found: " + argv.front();
        return result;
    }
    try {
        launch_and_wait(*exe, argv, timeout, extra_env, result);
    } catch (const std::exception& e) {
        // The environment failed (no pipes, no fds left): report it, do not propagate.
        result.exit_code = -1;
        result.error = "cannot run " + argv.front() + ": " + e.what();
    }
    result.duration_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

std::vector<std::string> merged_environment(const std::map<std::string, std::string>& extra_env) {
    std::vector<std::string> env;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        const std::string_view kv = *entry;
        if (extra_env.count(std::string(kv.substr(0, kv.find('=')))) == 0) {
            env.emplace_back(kv);
        }
    }
    for (const auto& [key, value] : extra_env) {
        std::string entry = key;
        entry.append("=").append(value);
        env.push_back(std::move(entry));
    }
    return env;
}

} // namespace harness::lab
