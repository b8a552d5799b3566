// ConsoleProgress output, plain and on a terminal.
#include <sstream>

#include <gtest/gtest.h>

#include "scenario/progress.hpp"

namespace harness::scenario {
namespace {

ScenarioResult finished(std::string id, Verdict verdict, double seconds, std::string reason = {}) {
    ScenarioResult result;
    result.id = std::move(id);
    result.verdict = verdict;
    result.duration_s = seconds;
    result.reason = std::move(reason);
    return result;
}

Scenario named(std::string id) {
    Scenario scenario;
    scenario.id = std::move(id);
    return scenario;
}

TEST(ConsoleProgress, PlainWritesOneLinePerScenarioAndASummary) {
    std::ostringstream out;
    ConsoleProgress progress(out, false);
    progress.planned(3);
    progress.started(named("a/b"));
    progress.finished(finished("a/b", Verdict::pass, 1.234));
    progress.started(named("a/c"));
    progress.finished(finished("a/c", Verdict::xfail, 0.5, "ike_sa: NO_PROPOSAL_CHOSEN"));
    progress.started(named("a/d"));
    ScenarioResult flaky = finished("a/d", Verdict::pass, 2.0);
    flaky.flaky = true;
    flaky.attempts = 2;
    progress.finished(flaky);
    progress.done();

    EXPECT_EQ(out.str(), "PASS     1.23s  a/b\n"
                         "XFAIL    0.50s  a/c  ike_sa: NO_PROPOSAL_CHOSEN\n"
                         "PASS     2.00s  a/d  (flaky: 2 attempts)\n"
                         "3 scenarios: 2 PASS, 1 XFAIL, 0 FAIL, 0 XPASS, 0 ERROR, 0 SKIPPED "
                         "(1 flaky)\n");
}

TEST(ConsoleProgress, TerminalRewritesOneStatusLine) {
    std::ostringstream out;
    ConsoleProgress progress(out, true);
    progress.planned(40);
    progress.started(named("x/1"));
    progress.started(named("x/2"));
    EXPECT_EQ(out.str().substr(out.str().rfind('\r')), "\r\x1b[K[2/40] running 2 |");

    progress.finished(finished("x/1", Verdict::pass, 0.1));
    EXPECT_EQ(out.str().substr(out.str().rfind('\r')),
              "\r\x1b[K[2/40] running 1 | PASS 1 | last: x/1");
    EXPECT_EQ(out.str().find('\n'), std::string::npos);

    // A result that needs attention stays on screen above the status line.
    progress.finished(finished("x/2", Verdict::fail, 0.2, "expected pass; ike_sa: gone"));
    EXPECT_NE(out.str().find("\r\x1b[KFAIL     0.20s  x/2  expected pass; ike_sa: gone\n"),
              std::string::npos);
    EXPECT_EQ(out.str().substr(out.str().rfind('\r')),
              "\r\x1b[K[2/40] running 0 | PASS 1 FAIL 1 | last: x/2");

    progress.done();
    EXPECT_EQ(out.str().substr(out.str().rfind('\r')),
              "\r\x1b[K2 scenarios: 1 PASS, 0 XFAIL, 1 FAIL, 0 XPASS, 0 ERROR, 0 SKIPPED\n");
}

} // namespace
} // namespace harness::scenario
