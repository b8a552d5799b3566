// The runner with a scripted executor: verdicts, timeouts, exceptions, retries, jobs, interrupt.
#include <fstream>
#include <random>
#include <sstream>

#include <gtest/gtest.h>

#include "fake_executor.hpp"
#include "scenario/runner.hpp"

namespace harness::scenario {
namespace {

using testing::FakeExecutor;
using testing::Script;

Scenario scenario(std::string id, Expectation expect = {}) {
    Scenario made;
    made.id = std::move(id);
    made.values = {{"client", made.id}};
    made.expect = std::move(expect);
    return made;
}

Expectation fail_at(Stage stage, std::string pattern = {}) {
    return {Expectation::Outcome::fail, stage, std::move(pattern), "test"};
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

class RunnerTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::random_device seed;
        output_ = std::filesystem::temp_directory_path() /
                  ("runner_test-" + std::to_string(seed()) + "-" + std::to_string(seed()));
        options_.output_dir = output_;
        options_.timeouts = {2.0, 4.0};
    }

    void TearDown() override {
        std::error_code ignored;
        std::filesystem::remove_all(output_, ignored);
    }

    std::vector<ScenarioResult> run(const std::vector<Scenario>& scenarios,
                                    std::stop_token interrupt = {}) {
        Runner runner(fake_, options_);
        auto results = runner.run(scenarios, std::move(interrupt));
        interrupted_ = runner.interrupted();
        return results;
    }

    ScenarioResult run_one(const Scenario& one) {
        auto results = run({one});
        EXPECT_EQ(results.size(), 1U);
        return results.empty() ? ScenarioResult{} : results.front();
    }

    std::filesystem::path output_;
    RunOptions options_;
    FakeExecutor fake_;
    bool interrupted_ = false;
};

TEST_F(RunnerTest, PassingScenarioHasNineRecordsWorkDirAndEvidence) {
    Script script = testing::all_pass();
    script.push_back(testing::calls([](ScenarioContext& ctx) {
        std::ofstream(ctx.work_dir() / "client.log") << "ike_sa up\n";
        ctx.add_evidence("client-log", "client.log");
    }));
    fake_.script("strongswan/ppc2003", {script});
    options_.rerun_command = [](const Scenario& s) { return "harness rerun " + s.id; };
    int reported = 0;
    options_.on_result = [&reported](const ScenarioResult&) { ++reported; };

    const ScenarioResult result = run_one(scenario("strongswan/ppc2003"));

    EXPECT_EQ(result.verdict, Verdict::pass);
    EXPECT_EQ(result.last_stage, Stage::teardown);
    ASSERT_EQ(result.stages.size(), 9U);
    for (const StageRecord& record : result.stages) {
        EXPECT_EQ(record.status, StageStatus::passed) << to_string(record.stage);
    }
    EXPECT_EQ(result.attempts, 1);
    EXPECT_FALSE(result.flaky);
    EXPECT_EQ(result.rerun_command, "harness rerun strongswan/ppc2003");
    EXPECT_EQ(reported, 1);
    ASSERT_EQ(result.evidence.size(), 1U);
    EXPECT_EQ(result.evidence[0].path, "scenarios/strongswan/ppc2003/attempt-1/client.log");
    EXPECT_TRUE(std::filesystem::is_regular_file(output_ / result.evidence[0].path));
    EXPECT_FALSE(interrupted_);
}

TEST_F(RunnerTest, IdPartsCannotLeaveTheOutputFolder) {
    run_one(scenario("../up/./x"));
    EXPECT_TRUE(std::filesystem::is_directory(output_ / "scenarios/_../up/_./x/attempt-1"));
}

TEST(ScenarioContext, EvidenceIsRelativeToTheOutputRoot) {
    ScenarioContext ctx("/out", "/out/scenarios/a/b/attempt-1", {});
    ctx.add_evidence("client-log", "client.log");
    ctx.add_evidence("pcap", "/elsewhere/capture.pcap");
    const AttemptOutcome outcome = ctx.finish();
    ASSERT_EQ(outcome.evidence.size(), 2U);
    EXPECT_EQ(outcome.evidence[0].kind, "client-log");
    EXPECT_EQ(outcome.evidence[0].path, "scenarios/a/b/attempt-1/client.log");
    EXPECT_EQ(outcome.evidence[1].path, "/elsewhere/capture.pcap");
}

TEST(ScenarioContext, TimeoutFreezesTheRecordsAndSetsTheStopToken) {
    ScenarioContext ctx("/out", "/out/x", {0.5, 100.0});
    ctx.begin(Stage::ike_sa);
    const auto later = ScenarioContext::Clock::now() + std::chrono::seconds(1);
    EXPECT_FALSE(ctx.stop_token().stop_requested());
    EXPECT_EQ(ctx.enforce_limits(later), std::nullopt);
    EXPECT_TRUE(ctx.stop_token().stop_requested());

    ctx.pass(Stage::ike_sa, "too late");
    const AttemptOutcome outcome = ctx.finish();
    EXPECT_EQ(outcome.stages[0].status, StageStatus::failed);
    EXPECT_TRUE(contains(outcome.stages[0].detail, "in stage ike_sa (stage limit 0.500 s)"))
        << outcome.stages[0].detail;
    EXPECT_EQ(outcome.end, EndKind::completed);
}

TEST(ScenarioContext, ReturningWithAnOpenStageIsALabError) {
    ScenarioContext ctx("/out", "/out/x", {});
    ctx.begin(Stage::ike_sa);
    ctx.pass(Stage::ike_sa);
    ctx.begin(Stage::ipsec_sa);
    const AttemptOutcome outcome = ctx.finish();
    EXPECT_EQ(outcome.end, EndKind::lab_error);
    EXPECT_TRUE(contains(outcome.end_reason, "during stage ipsec_sa")) << outcome.end_reason;
}

TEST(ScenarioContext, InterruptBetweenStagesNamesTheNextStage) {
    ScenarioContext ctx("/out", "/out/x", {});
    ctx.begin(Stage::ike_sa);
    ctx.pass(Stage::ike_sa);
    ctx.interrupt();
    EXPECT_TRUE(ctx.stop_token().stop_requested());
    ctx.begin(Stage::ipsec_sa);
    const AttemptOutcome outcome = ctx.finish();
    EXPECT_TRUE(outcome.interrupted);
    EXPECT_EQ(outcome.end, EndKind::lab_error);
    EXPECT_EQ(outcome.end_reason, "interrupted before stage ipsec_sa");
    EXPECT_EQ(outcome.stages[1].status, StageStatus::not_run);
}

TEST(ScenarioContext, InterruptAfterAFailureKeepsTheFailure) {
    ScenarioContext ctx("/out", "/out/x", {});
    ctx.begin(Stage::ike_sa);
    ctx.fail(Stage::ike_sa, "NO_PROPOSAL_CHOSEN");
    ctx.interrupt();
    const AttemptOutcome outcome = ctx.finish();
    EXPECT_EQ(outcome.end, EndKind::completed);
    EXPECT_EQ(outcome.stages[0].detail, "NO_PROPOSAL_CHOSEN");
}

TEST_F(RunnerTest, StageTimeoutNamesTheStage) {
    options_.timeouts = {0.05, 4.0};
    fake_.script("slow-auth", {testing::up_to(Stage::ppp_auth, testing::hangs(Stage::ppp_auth))});

    const ScenarioResult result = run_one(scenario("slow-auth"));

    EXPECT_EQ(result.verdict, Verdict::fail);
    EXPECT_EQ(result.last_stage, Stage::ppp_auth);
    EXPECT_TRUE(contains(result.reason, "expected pass; ppp_auth: timed out after 0.0"))
        << result.reason;
    EXPECT_TRUE(contains(result.reason, "in stage ppp_auth (stage limit 0.050 s)"))
        << result.reason;
    const StageRecord& auth = result.stages[static_cast<std::size_t>(Stage::ppp_auth)];
    EXPECT_EQ(auth.status, StageStatus::failed);
    EXPECT_GE(auth.duration_s, 0.045);
    EXPECT_LT(auth.duration_s, 1.0);
    EXPECT_LT(result.duration_s, 1.5);
}

TEST_F(RunnerTest, ScenarioTimeoutNamesTheStageAndTheLimit) {
    options_.timeouts = {3.0, 0.08};
    fake_.script("slow-esp", {testing::up_to(Stage::ipsec_sa, testing::hangs(Stage::ipsec_sa))});

    const ScenarioResult result = run_one(scenario("slow-esp"));

    EXPECT_EQ(result.verdict, Verdict::fail);
    EXPECT_EQ(result.last_stage, Stage::ipsec_sa);
    EXPECT_TRUE(contains(result.reason, "in stage ipsec_sa (scenario limit 0.080 s)"))
        << result.reason;
    EXPECT_GE(result.duration_s, 0.075);
    EXPECT_LT(result.duration_s, 1.5);
}

TEST_F(RunnerTest, TimeoutCanBeTheExpectedFailure) {
    options_.timeouts = {0.03, 4.0};
    fake_.script("blackhole", {{testing::hangs(Stage::ike_sa)}});

    const ScenarioResult result =
        run_one(scenario("blackhole", fail_at(Stage::ike_sa, "timed out")));

    EXPECT_EQ(result.verdict, Verdict::xfail) << result.reason;
    EXPECT_EQ(result.last_stage, Stage::ike_sa);
}

TEST_F(RunnerTest, ThrowingExecutorGivesErrorWithItsMessage) {
    fake_.script("broken",
                 {testing::up_to(Stage::ipsec_sa, testing::throws(Stage::ipsec_sa, "qemu died"))});
    fake_.script("odd", {{testing::throws_other(Stage::ike_sa)}});

    const auto results = run({scenario("broken"), scenario("odd")});

    ASSERT_EQ(results.size(), 2U);
    EXPECT_EQ(results[0].verdict, Verdict::error);
    EXPECT_EQ(results[0].reason, "qemu died");
    EXPECT_EQ(results[0].last_stage, Stage::ipsec_sa);
    EXPECT_EQ(results[0].stages[1].detail, "lab error: qemu died");
    EXPECT_EQ(results[1].verdict, Verdict::error);
    EXPECT_TRUE(contains(results[1].reason, "not a std::exception"));
}

TEST_F(RunnerTest, RetryThatPassesIsFlaky) {
    options_.retries = 2;
    fake_.script("wobbly",
                 {testing::up_to(Stage::l2tp_tunnel, testing::fails(Stage::l2tp_tunnel, "StopCCN")),
                  testing::all_pass()});

    const ScenarioResult result = run_one(scenario("wobbly"));

    EXPECT_EQ(result.verdict, Verdict::pass);
    EXPECT_EQ(result.attempts, 2);
    EXPECT_TRUE(result.flaky);
    EXPECT_EQ(fake_.calls_of("wobbly"), 2);
    EXPECT_TRUE(std::filesystem::is_directory(output_ / "scenarios/wobbly/attempt-2"));
}

TEST_F(RunnerTest, RetriesRunOutAndKeepTheLastFailure) {
    options_.retries = 2;
    fake_.script("dead", {{testing::fails(Stage::ike_sa, "first")},
                          {testing::fails(Stage::ike_sa, "again")}});

    const ScenarioResult result = run_one(scenario("dead"));

    EXPECT_EQ(result.verdict, Verdict::fail);
    EXPECT_EQ(result.attempts, 3);
    EXPECT_FALSE(result.flaky);
    EXPECT_EQ(result.reason, "expected pass; ike_sa: again");
    EXPECT_EQ(fake_.calls_of("dead"), 3);
}

TEST_F(RunnerTest, XpassIsRetriedSkippedIsNot) {
    options_.retries = 1;
    fake_.script("tail", {{testing::passes(Stage::ike_sa),
                           testing::skips_from(Stage::ipsec_sa, "host kernel lacks ESP")}});

    const auto results = run(
        {scenario("lucky", fail_at(Stage::ike_sa)), scenario("tail", fail_at(Stage::ppp_auth))});

    ASSERT_EQ(results.size(), 2U);
    EXPECT_EQ(results[0].verdict, Verdict::xpass);
    EXPECT_EQ(results[0].attempts, 2);
    EXPECT_EQ(results[1].verdict, Verdict::skipped);
    EXPECT_EQ(results[1].reason,
              "expected failure at ppp_auth could not be checked: host kernel lacks ESP");
    EXPECT_EQ(results[1].attempts, 1);
    EXPECT_EQ(fake_.calls_of("tail"), 1);
}

TEST_F(RunnerTest, JobsRunInParallelAndKeepInputOrder) {
    options_.jobs = 4;
    std::vector<Scenario> scenarios;
    for (int i = 0; i < 8; ++i) {
        const std::string id = "s" + std::to_string(i);
        // Later inputs finish first within each batch of four.
        fake_.script(id, {{testing::gathers(Stage::ike_sa, 4),
                           testing::naps(Stage::ipsec_sa, 5 * (8 - i))}});
        scenarios.push_back(scenario(id));
    }

    const auto results = run(scenarios);

    EXPECT_EQ(fake_.max_concurrent(), 4);
    ASSERT_EQ(results.size(), scenarios.size());
    for (std::size_t i = 0; i < results.size(); ++i) {
        EXPECT_EQ(results[i].id, scenarios[i].id);
        EXPECT_EQ(results[i].verdict, Verdict::pass) << results[i].reason;
    }
}

TEST_F(RunnerTest, OneJobNeverOverlaps) {
    const auto results = run({scenario("a"), scenario("b"), scenario("c")});
    EXPECT_EQ(results.size(), 3U);
    EXPECT_EQ(fake_.max_concurrent(), 1);
}

TEST_F(RunnerTest, InterruptStopsNewWorkAndReturnsFinishedResults) {
    std::stop_source interrupt;
    fake_.script("second", {{testing::passes(Stage::ike_sa),
                             testing::calls([&interrupt](ScenarioContext& ctx) {
                                 ctx.begin(Stage::ipsec_sa);
                                 interrupt.request_stop();
                             }),
                             testing::hangs(Stage::ipsec_sa)}});
    const std::vector<Scenario> scenarios{scenario("first"), scenario("second"), scenario("third"),
                                          scenario("fourth")};

    const auto started = std::chrono::steady_clock::now();
    const auto results = run(scenarios, interrupt.get_token());
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;

    EXPECT_TRUE(interrupted_);
    ASSERT_EQ(results.size(), 2U);
    EXPECT_EQ(results[0].id, "first");
    EXPECT_EQ(results[0].verdict, Verdict::pass);
    EXPECT_EQ(results[1].id, "second");
    EXPECT_EQ(results[1].verdict, Verdict::error);
    EXPECT_EQ(results[1].reason, "interrupted during stage ipsec_sa");
    EXPECT_EQ(fake_.calls_of("third"), 0);
    EXPECT_LT(took.count(), 2.0);
}

TEST_F(RunnerTest, InterruptBeforeTheRunStartsNothing) {
    std::stop_source interrupt;
    interrupt.request_stop();
    const auto results = run({scenario("a")}, interrupt.get_token());
    EXPECT_TRUE(results.empty());
    EXPECT_TRUE(interrupted_);
    EXPECT_EQ(fake_.calls_of("a"), 0);
}

TEST_F(RunnerTest, ACallbackThatThrowsIsRethrownAfterTheWorkersStop) {
    options_.jobs = 2;
    options_.on_result = [](const ScenarioResult&) { throw std::runtime_error("sink broke"); };
    EXPECT_THROW(run({scenario("a"), scenario("b"), scenario("c")}), std::runtime_error);
}

TEST_F(RunnerTest, ProgressSeesEveryScenario) {
    std::ostringstream out;
    ConsoleProgress progress(out, false);
    options_.progress = &progress;
    fake_.script("b", {{testing::fails(Stage::ike_sa, "NO_PROPOSAL_CHOSEN")}});

    run({scenario("a"), scenario("b")});

    const std::string text = out.str();
    EXPECT_TRUE(contains(text, "  a\n")) << text;
    EXPECT_TRUE(contains(text, "  b  expected pass; ike_sa: NO_PROPOSAL_CHOSEN\n")) << text;
    EXPECT_TRUE(
        contains(text, "2 scenarios: 1 PASS, 0 XFAIL, 1 FAIL, 0 XPASS, 0 ERROR, 0 SKIPPED\n"))
        << text;
}

} // namespace
} // namespace harness::scenario
