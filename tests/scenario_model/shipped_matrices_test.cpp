// The matrices shipped in scenarios/ load, stay within their size, and expect what they claim.
#include <regex>

#include <gtest/gtest.h>

#include "scenario/matrix_loader.hpp"

namespace harness::scenario {
namespace {

namespace fs = std::filesystem;

fs::path scenarios_dir() {
    return fs::path(HARNESS_SOURCE_DIR) / "scenarios";
}

bool reason_accepts(const Expectation& expect, const std::string& reason) {
    return std::regex_search(reason, std::regex(expect.reason_pattern, std::regex::ECMAScript));
}

// The auth dimension always agrees with the preset's own "auth".
void expect_auth_matches_preset(const Matrix& matrix) {
    for (const auto& scenario : matrix.scenarios) {
        EXPECT_EQ(scenario.value("auth"), scenario.preset.at("auth").get<std::string>())
            << scenario.id;
    }
}

TEST(ShippedMatrices, DefaultLoadsWithinFortyScenarios) {
    const Matrix matrix = load_matrix(scenarios_dir() / "default.jsonc");
    EXPECT_EQ(matrix.name, "default");
    EXPECT_EQ(matrix.tier, Tier::vm);
    EXPECT_LE(matrix.scenarios.size(), 40U);
    EXPECT_GE(matrix.scenarios.size(), 20U);
    expect_auth_matches_preset(matrix);
    for (const auto& scenario : matrix.scenarios) {
        EXPECT_FALSE(scenario.profile.is_null()) << scenario.id;
    }
}

TEST(ShippedMatrices, DefaultExpectsLibreswanToRefuseModp1024Clients) {
    const Matrix matrix = load_matrix(scenarios_dir() / "default.jsonc");
    for (const auto& scenario : matrix.scenarios) {
        const auto profile = scenario.value("profile");
        const bool old_client = profile == "wm2003" || profile == "macos" || profile == "android";
        const bool refused =
            (scenario.value("server") == "libreswan" && old_client) || profile == "win7";
        EXPECT_EQ(scenario.expect.outcome == Expectation::Outcome::fail, refused) << scenario.id;
        if (refused) {
            EXPECT_EQ(scenario.expect.stage, Stage::ike_sa) << scenario.id;
            EXPECT_TRUE(reason_accepts(scenario.expect, "NO_PROPOSAL_CHOSEN")) << scenario.id;
        }
    }
}

TEST(ShippedMatrices, ControlPlaneLoadsEveryProfileAndPreset) {
    const Matrix matrix = load_matrix(scenarios_dir() / "control-plane.jsonc");
    EXPECT_EQ(matrix.name, "control-plane");
    EXPECT_EQ(matrix.tier, Tier::netns);
    ASSERT_GE(matrix.dimensions.size(), 3U);
    EXPECT_EQ(matrix.dimensions[2].values.size(), 9U);
    EXPECT_FALSE(matrix.scenarios.empty());
    EXPECT_FALSE(matrix.secrets.empty());
    expect_auth_matches_preset(matrix);
    for (const auto& scenario : matrix.scenarios) {
        EXPECT_FALSE(scenario.value("auth") == "psk" && scenario.value("dn_length") == "dn75")
            << scenario.id;
    }
}

TEST(ShippedMatrices, ControlPlaneExpectationsFollowTheProposals) {
    const Matrix matrix = load_matrix(scenarios_dir() / "control-plane.jsonc");
    for (const auto& scenario : matrix.scenarios) {
        const auto& expect = scenario.expect;
        const bool windows_mobile = scenario.value("profile")->starts_with("wm");
        if (windows_mobile && scenario.value("ike_cipher") == "aes128") {
            EXPECT_EQ(expect.outcome, Expectation::Outcome::fail) << scenario.id;
        }
        if (scenario.value("preset") == "modern" && scenario.value("ike_cipher") == "3des") {
            EXPECT_EQ(expect.outcome, Expectation::Outcome::fail) << scenario.id;
        }
        if (windows_mobile && scenario.value("server") == "libreswan") {
            EXPECT_EQ(expect.outcome, Expectation::Outcome::fail) << scenario.id;
        }
        if (expect.outcome == Expectation::Outcome::fail) {
            EXPECT_EQ(expect.stage, Stage::ike_sa) << scenario.id;
            EXPECT_TRUE(reason_accepts(expect, "received no_proposal_chosen")) << scenario.id;
            EXPECT_TRUE(reason_accepts(expect, "notify NO_PROPOSAL_CHOSEN")) << scenario.id;
            EXPECT_FALSE(reason_accepts(expect, "AUTHENTICATION_FAILED")) << scenario.id;
        }
    }
    const auto& sample = matrix.scenarios.front();
    EXPECT_NE(sample.expect.source, "");
}

TEST(ShippedMatrices, ControlPlaneStillHasPassingScenarios) {
    const Matrix matrix = load_matrix(scenarios_dir() / "control-plane.jsonc");
    const auto passing =
        std::count_if(matrix.scenarios.begin(), matrix.scenarios.end(), [](const Scenario& s) {
            return s.expect.outcome == Expectation::Outcome::pass && s.expect.source == "default";
        });
    EXPECT_GT(passing, 0);
}

} // namespace
} // namespace harness::scenario
