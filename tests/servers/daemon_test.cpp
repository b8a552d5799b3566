// The daemon runner on the host (no namespace): start, log, predicate wait, group stop.
#include <csignal>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "lab/daemon.hpp"
#include "lab/netns.hpp"

namespace harness::lab {
namespace {

std::filesystem::path temp_log(const std::string& name) {
    return std::filesystem::temp_directory_path() / (unique_name("hxd") + "-" + name + ".log");
}

std::string read(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Processes of the group that are not zombies, from /proc/<pid>/stat ("pid (comm) S ppid pgrp").
int live_members(pid_t group) {
    int live = 0;
    for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
        std::ifstream in(entry.path() / "stat");
        std::string stat;
        if (!std::getline(in, stat) || stat.rfind(')') == std::string::npos) {
            continue;
        }
        std::istringstream rest(stat.substr(stat.rfind(')') + 1));
        char state = 0;
        long ppid = 0;
        long pgrp = 0;
        rest >> state >> ppid >> pgrp;
        live += pgrp == group && state != 'Z' ? 1 : 0;
    }
    return live;
}

TEST(Daemon, LogsOutputAndStopsItsWholeGroup) {
    DaemonOptions options;
    options.argv = {"sh", "-c", "echo started $GREETING; sleep 30 & sleep 30; wait"};
    options.env = {{"GREETING", "hello"}};
    options.log_file = temp_log("group");
    Daemon daemon(options);
    const pid_t group = daemon.pid();
    ASSERT_GT(group, 0);
    EXPECT_TRUE(daemon.wait_for([&] { return read(options.log_file) == "started hello\n"; },
                                std::chrono::seconds(5)));
    EXPECT_TRUE(daemon.running());

    const int code = daemon.stop();
    EXPECT_EQ(code, 128 + SIGTERM);
    EXPECT_FALSE(daemon.running());
    EXPECT_EQ(daemon.pid(), 0);
    // Nothing of the group is left alive (the background sleep was ours too); an unreaped
    // zombie may linger because PID 1 reaps orphans late.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (live_members(group) > 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_EQ(live_members(group), 0);
    std::filesystem::remove(options.log_file);
}

TEST(Daemon, WaitForGivesUpWhenTheDaemonExits) {
    DaemonOptions options;
    options.argv = {"sh", "-c", "exit 3"};
    options.log_file = temp_log("exit");
    Daemon daemon(options);
    const auto start = std::chrono::steady_clock::now();
    EXPECT_FALSE(daemon.wait_for([] { return false; }, std::chrono::seconds(5)));
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
    EXPECT_EQ(daemon.exit_code(), 3);
    std::filesystem::remove(options.log_file);
}

TEST(Daemon, RefusesAMissingProgram) {
    DaemonOptions options;
    options.argv = {"/nonexistent/harness-daemon"};
    options.log_file = temp_log("missing");
    EXPECT_THROW(Daemon{options}, LabError);
    std::filesystem::remove(options.log_file);
}

TEST(Daemon, WrapsANamespacedCommandWithAPrivateRun) {
    DaemonOptions options;
    options.exec_prefix = {"ip", "netns", "exec", "hx1n0"};
    options.argv = {"/usr/lib/ipsec/charon"};
    const auto argv = Daemon::command_line(options);
    ASSERT_EQ(argv.size(), 9U);
    EXPECT_EQ(argv[4], "sh");
    EXPECT_EQ(argv[6], "mount -t tmpfs tmpfs /run && exec \"$@\"");
    EXPECT_EQ(argv[8], "/usr/lib/ipsec/charon");
}

} // namespace
} // namespace harness::lab
