// Every judge rule, one table row each.
#include <gtest/gtest.h>

#include "scenario/judge.hpp"

namespace harness::scenario {
namespace {

// Stage statuses in stage order: P passed, F failed, S skipped, anything else not run.
std::vector<StageRecord> stages(std::string_view codes, const std::string& detail = {}) {
    std::vector<StageRecord> records;
    for (Stage stage : all_stages) {
        const auto index = static_cast<std::size_t>(stage_index(stage));
        const char code = index < codes.size() ? codes[index] : '.';
        StageRecord record{stage, StageStatus::not_run, 0.0, {}};
        if (code == 'P') {
            record.status = StageStatus::passed;
        } else if (code == 'F' || code == 'S') {
            record.status = code == 'F' ? StageStatus::failed : StageStatus::skipped;
            record.detail = detail;
        }
        records.push_back(record);
    }
    return records;
}

Expectation pass() {
    return {};
}

Expectation fail_at(Stage stage, std::string pattern = {}) {
    return {Expectation::Outcome::fail, stage, std::move(pattern), "test"};
}

struct Case {
    std::string name;
    Expectation expect;
    std::string codes;
    std::string detail;
    EndKind end = EndKind::completed;
    std::string end_reason;
    Verdict verdict;
    std::string reason; ///< expected reason, exactly
    std::optional<Stage> last_stage;
};

class JudgeRules : public ::testing::TestWithParam<Case> {};

TEST_P(JudgeRules, GiveVerdictReasonAndStage) {
    const Case& c = GetParam();
    const Judgement got = judge(c.expect, stages(c.codes, c.detail), c.end, c.end_reason);
    EXPECT_EQ(to_string(got.verdict), to_string(c.verdict));
    EXPECT_EQ(got.reason, c.reason);
    EXPECT_EQ(got.last_stage, c.last_stage);
}

constexpr const char* lacks_ppp = "host kernel lacks PPP";

INSTANTIATE_TEST_SUITE_P(
    Table, JudgeRules,
    ::testing::Values(
        Case{"lab_error_wins",
             pass(),
             "PP",
             {},
             EndKind::lab_error,
             "qemu exited",
             Verdict::error,
             "qemu exited",
             Stage::ipsec_sa},
        Case{"lab_error_over_failure", fail_at(Stage::ike_sa), "F", "x", EndKind::lab_error,
             "disk full", Verdict::error, "disk full", Stage::ike_sa},
        Case{"lab_error_before_any_stage",
             pass(),
             "",
             {},
             EndKind::lab_error,
             "no netns",
             Verdict::error,
             "no netns",
             std::nullopt},
        Case{"skip",
             pass(),
             "",
             {},
             EndKind::skipped,
             "no KVM",
             Verdict::skipped,
             "no KVM",
             std::nullopt},
        Case{"all_passed",
             pass(),
             "PPPPPPPPP",
             {},
             EndKind::completed,
             {},
             Verdict::pass,
             "",
             Stage::teardown},
        Case{"pass_with_skipped_tail",
             pass(),
             "PPPPSSSSS",
             lacks_ppp,
             EndKind::completed,
             {},
             Verdict::pass,
             std::string("passed up to l2tp_session; skipped from ppp_lcp: ") + lacks_ppp,
             Stage::l2tp_session},
        Case{"pass_missing_results",
             pass(),
             "PPPPPPP",
             {},
             EndKind::completed,
             {},
             Verdict::pass,
             "no result from stage data on",
             Stage::ppp_ipcp},
        Case{"unexpected_failure",
             pass(),
             "PPF",
             "StopCCN",
             EndKind::completed,
             {},
             Verdict::fail,
             "expected pass; l2tp_tunnel: StopCCN",
             Stage::l2tp_tunnel},
        Case{"expected_failure_matches_icase",
             fail_at(Stage::ike_sa, "no_proposal"),
             "F",
             "notify NO_PROPOSAL_CHOSEN",
             EndKind::completed,
             {},
             Verdict::xfail,
             "ike_sa: notify NO_PROPOSAL_CHOSEN",
             Stage::ike_sa},
        Case{"expected_failure_any_reason",
             fail_at(Stage::ppp_auth),
             "PPPPPF",
             "refused",
             EndKind::completed,
             {},
             Verdict::xfail,
             "ppp_auth: refused",
             Stage::ppp_auth},
        Case{"failed_elsewhere",
             fail_at(Stage::ike_sa, "no_proposal"),
             "PF",
             "no SA",
             EndKind::completed,
             {},
             Verdict::fail,
             "expected fail at ike_sa /no_proposal/, failed at ipsec_sa: no SA",
             Stage::ipsec_sa},
        Case{"reason_mismatch",
             fail_at(Stage::ike_sa, "^no_proposal"),
             "F",
             "INVALID_ID",
             EndKind::completed,
             {},
             Verdict::fail,
             "failed at ike_sa as expected but reason \"INVALID_ID\" does not match /^no_proposal/",
             Stage::ike_sa},
        Case{"first_failure_counts",
             fail_at(Stage::ipsec_sa, "lost"),
             "PFF",
             "lost",
             EndKind::completed,
             {},
             Verdict::xfail,
             "ipsec_sa: lost",
             Stage::ipsec_sa},
        Case{"expected_failure_passed",
             fail_at(Stage::ppp_auth),
             "PPPPPPPPP",
             {},
             EndKind::completed,
             {},
             Verdict::xpass,
             "expected fail at ppp_auth, but ppp_auth passed",
             Stage::teardown},
        Case{"expected_failure_skipped",
             fail_at(Stage::ppp_auth),
             "PPPPSSSSS",
             lacks_ppp,
             EndKind::completed,
             {},
             Verdict::skipped,
             std::string("expected failure at ppp_auth could not be checked: ") + lacks_ppp,
             Stage::l2tp_session},
        Case{"expected_failure_not_run",
             fail_at(Stage::data),
             "PPPPPPP",
             {},
             EndKind::completed,
             {},
             Verdict::skipped,
             "expected failure at data could not be checked: stage data was not run",
             Stage::ppp_ipcp}),
    [](const ::testing::TestParamInfo<Case>& row) { return row.param.name; });

TEST(Judge, InvalidPatternSaysSo) {
    const Judgement got =
        judge(fail_at(Stage::ike_sa, "(unclosed"), stages("F", "x"), EndKind::completed, {});
    EXPECT_EQ(got.verdict, Verdict::error);
    EXPECT_NE(got.reason.find("invalid reason pattern /(unclosed/"), std::string::npos);
}

TEST(Judge, FailureWithoutStageMatchesAnyStage) {
    Expectation expect{Expectation::Outcome::fail, std::nullopt, "auth", "test"};
    EXPECT_EQ(judge(expect, stages("PPPPPF", "auth refused"), EndKind::completed, {}).verdict,
              Verdict::xfail);
    EXPECT_EQ(judge(expect, stages("PPPPPPPPP"), EndKind::completed, {}).verdict, Verdict::xpass);
}

} // namespace
} // namespace harness::scenario
