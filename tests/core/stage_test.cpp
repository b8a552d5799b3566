#include <gtest/gtest.h>

#include "core/stage.hpp"
#include "core/verdict.hpp"

namespace harness {
namespace {

TEST(Stage, NamesRoundTripInOrder) {
    ASSERT_EQ(all_stages.size(), 9U);
    int expected_index = 0;
    for (Stage stage : all_stages) {
        EXPECT_EQ(stage_index(stage), expected_index++);
        EXPECT_EQ(parse_stage(to_string(stage)), stage);
    }
    EXPECT_EQ(to_string(Stage::ike_sa), "ike_sa");
    EXPECT_EQ(to_string(Stage::teardown), "teardown");
}

TEST(Stage, UnknownNameIsRejected) {
    EXPECT_EQ(parse_stage("IKE_SA"), std::nullopt);
    EXPECT_EQ(parse_stage(""), std::nullopt);
    EXPECT_EQ(parse_stage("ppp"), std::nullopt);
}

TEST(Verdict, SpellingAndExpectation) {
    EXPECT_EQ(to_string(Verdict::xfail), "XFAIL");
    EXPECT_EQ(parse_verdict("SKIPPED"), Verdict::skipped);
    EXPECT_EQ(parse_verdict("pass"), std::nullopt);
    EXPECT_TRUE(meets_expectation(Verdict::pass));
    EXPECT_TRUE(meets_expectation(Verdict::xfail));
    EXPECT_TRUE(meets_expectation(Verdict::skipped));
    EXPECT_FALSE(meets_expectation(Verdict::fail));
    EXPECT_FALSE(meets_expectation(Verdict::xpass));
    EXPECT_FALSE(meets_expectation(Verdict::error));
}

} // namespace
} // namespace harness
