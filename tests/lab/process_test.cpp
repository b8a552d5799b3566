// run_command and find_program against small standard programs (sh, echo, sleep).
#include <cerrno>
#include <cstdlib>
#include <string>

#include <gtest/gtest.h>
#include <sys/wait.h>

#include "lab/process.hpp"

namespace harness::lab {
namespace {

using namespace std::chrono_literals;

TEST(RunCommand, CapturesStdout) {
    const CommandResult result = run_command({"echo", "hello", "world"}, 5s);
    EXPECT_TRUE(result.ok()) << result.error << result.err;
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_EQ(result.out, "hello world\n");
    EXPECT_EQ(result.err, "");
    EXPECT_FALSE(result.timed_out);
    EXPECT_GE(result.duration_s, 0.0);
}

TEST(RunCommand, CapturesStderrSeparately) {
    const CommandResult result = run_command({"sh", "-c", "echo out; echo oops >&2"}, 5s);
    EXPECT_TRUE(result.ok());
    EXPECT_EQ(result.out, "out\n");
    EXPECT_EQ(result.err, "oops\n");
}

TEST(RunCommand, ReportsNonZeroExit) {
    const CommandResult result = run_command({"sh", "-c", "exit 3"}, 5s);
    EXPECT_FALSE(result.ok());
    EXPECT_EQ(result.exit_code, 3);
    EXPECT_TRUE(result.error.empty());
    EXPECT_FALSE(result.timed_out);
}

TEST(RunCommand, PassesExtraEnvironment) {
    const CommandResult result =
        run_command({"sh", "-c", "echo \"$HARNESS_PROBE_VAR\""}, 5s, {{"HARNESS_PROBE_VAR", "x1"}});
    EXPECT_TRUE(result.ok());
    EXPECT_EQ(result.out, "x1\n");
}

TEST(RunCommand, KeepsTheRestOfTheEnvironment) {
    const CommandResult result = run_command({"sh", "-c", "echo \"$PATH\""}, 5s, {{"A_B", "c"}});
    EXPECT_TRUE(result.ok());
    EXPECT_NE(result.out, "\n");
}

TEST(RunCommand, KillsAndReapsOnTimeout) {
    const CommandResult result = run_command({"sleep", "5"}, 200ms);
    EXPECT_TRUE(result.timed_out);
    EXPECT_FALSE(result.ok());
    EXPECT_LT(result.duration_s, 2.0);
    EXPECT_EQ(result.exit_code, 128 + SIGKILL);

    // No child of ours is left, not even a zombie.
    errno = 0;
    EXPECT_EQ(::waitpid(-1, nullptr, WNOHANG), -1);
    EXPECT_EQ(errno, ECHILD);
}

TEST(RunCommand, StopsWaitingForAGrandchildHoldingThePipe) {
    // The shell exits at once, but its background sleep keeps stdout open.
    const CommandResult result = run_command({"sh", "-c", "sleep 5 & echo started"}, 300ms);
    EXPECT_TRUE(result.timed_out);
    EXPECT_LT(result.duration_s, 2.0);
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_EQ(result.out, "started\n");
}

TEST(RunCommand, MissingProgramIsAnErrorNotAnException) {
    const CommandResult result = run_command({"no-such-program-xyz", "--help"}, 1s);
    EXPECT_EQ(result.exit_code, -1);
    EXPECT_EQ(result.error, "program not found: no-such-program-xyz");
    EXPECT_FALSE(result.ok());
}

TEST(RunCommand, MissingPathIsAnError) {
    const CommandResult result = run_command({"/nonexistent/dir/tool"}, 1s);
    EXPECT_EQ(result.exit_code, -1);
    EXPECT_EQ(result.error, "program not found: /nonexistent/dir/tool");
}

TEST(RunCommand, EmptyArgvIsAnError) {
    const CommandResult result = run_command({}, 1s);
    EXPECT_EQ(result.exit_code, -1);
    EXPECT_FALSE(result.error.empty());
}

TEST(FindProgram, FindsShellInPath) {
    const auto sh = find_program("sh");
    ASSERT_TRUE(sh.has_value());
    EXPECT_EQ(sh->filename(), "sh");
    EXPECT_TRUE(sh->is_absolute());
}

TEST(FindProgram, TakesAPathAsIs) {
    EXPECT_EQ(find_program("/bin/sh"), std::filesystem::path("/bin/sh"));
}

TEST(FindProgram, RejectsMissingAndNonExecutable) {
    EXPECT_FALSE(find_program("no-such-program-xyz").has_value());
    EXPECT_FALSE(find_program("").has_value());
    EXPECT_FALSE(find_program("/etc/passwd").has_value()); // a file, not executable
    EXPECT_FALSE(find_program("/usr").has_value());        // a directory
}

TEST(FindProgram, SearchesSbinOutsidePath) {
    // ldconfig lives in /usr/sbin (and /sbin) on Debian: found with a PATH that names neither.
    const char* saved = std::getenv("PATH");
    const std::string old_path = saved != nullptr ? saved : "";
    ::setenv("PATH", "/nonexistent", 1);
    const auto found = find_program("ldconfig");
    const auto not_found = find_program("sh");
    ::setenv("PATH", old_path.c_str(), 1);

    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->parent_path().filename(), "sbin");
    EXPECT_FALSE(not_found.has_value());
}

} // namespace
} // namespace harness::lab
