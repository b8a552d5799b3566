// Loading the valid test matrices: every Matrix field, profiles, presets and secrets.
#include <algorithm>
#include <chrono>
#include <fstream>
#include <set>
#include <tuple>

#include <gtest/gtest.h>

#include "scenario/matrix_loader.hpp"

namespace harness::scenario {
namespace {

namespace fs = std::filesystem;

fs::path good_dir() {
    return fs::path(HARNESS_TEST_DATA_DIR) / "matrices" / "good";
}

std::vector<std::string> ids_of(const Matrix& matrix) {
    std::vector<std::string> ids;
    for (const auto& scenario : matrix.scenarios) {
        ids.push_back(scenario.id);
    }
    return ids;
}

const Scenario& by_id(const Matrix& matrix, std::string_view id) {
    const auto it = std::find_if(matrix.scenarios.begin(), matrix.scenarios.end(),
                                 [&](const Scenario& s) { return s.id == id; });
    if (it == matrix.scenarios.end()) {
        throw std::runtime_error("no scenario " + std::string(id));
    }
    return *it;
}

TEST(LoadMatrix, FillsTheTopLevelFields) {
    const Matrix matrix = load_matrix(good_dir() / "basic.jsonc");
    EXPECT_EQ(matrix.name, "basic");
    EXPECT_EQ(matrix.description, "Two servers, two presets, two profiles");
    EXPECT_EQ(matrix.file, good_dir() / "basic.jsonc");
    EXPECT_EQ(matrix.tier, Tier::vm);
    EXPECT_DOUBLE_EQ(matrix.timeouts.stage_s, 12.0);
    EXPECT_DOUBLE_EQ(matrix.timeouts.scenario_s, 90.5);
    ASSERT_EQ(matrix.dimensions.size(), 6U);
    EXPECT_EQ(matrix.dimensions[0].name, "server");
    EXPECT_EQ(matrix.dimensions[0].values, (std::vector<std::string>{"strongswan", "libreswan"}));
    EXPECT_EQ(matrix.dimensions[4].values, (std::vector<std::string>{"2048"}));
}

TEST(LoadMatrix, ExpandsExcludesAndSortsById) {
    const Matrix matrix = load_matrix(good_dir() / "basic.jsonc");
    EXPECT_EQ(ids_of(matrix), (std::vector<std::string>{
                                  "libreswan/p-cert/alpha/cert/rsa2048/mtu1400",
                                  "libreswan/p-cert/beta/cert/rsa2048/mtu1400",
                                  "libreswan/p-psk/alpha/psk/rsa2048/mtu1400",
                                  "libreswan/p-psk/beta/psk/rsa2048/mtu1400",
                                  "strongswan/p-cert/alpha/cert/rsa2048/mtu1400",
                                  "strongswan/p-cert/beta/cert/rsa2048/mtu1400",
                                  "strongswan/p-psk/alpha/psk/rsa2048/mtu1400",
                                  "strongswan/p-psk/beta/psk/rsa2048/mtu1400",
                              }));
    const auto& first = matrix.scenarios.front();
    EXPECT_EQ(first.values,
              (std::vector<std::pair<std::string, std::string>>{{"server", "libreswan"},
                                                                {"preset", "p-cert"},
                                                                {"profile", "alpha"},
                                                                {"auth", "cert"},
                                                                {"key_bits", "2048"},
                                                                {"mtu", "1400"}}));
    EXPECT_EQ(first.tier, Tier::vm);
}

TEST(LoadMatrix, ExpectationRulesLastMatchWins) {
    const Matrix matrix = load_matrix(good_dir() / "basic.jsonc");
    const auto expect = [&](std::string_view id) { return by_id(matrix, id).expect; };

    EXPECT_EQ(expect("libreswan/p-cert/alpha/cert/rsa2048/mtu1400").source, "/expect/2");
    EXPECT_EQ(expect("libreswan/p-cert/alpha/cert/rsa2048/mtu1400").describe(), "pass");
    EXPECT_EQ(expect("libreswan/p-psk/alpha/psk/rsa2048/mtu1400").describe(),
              "fail at ike_sa /no.?proposal/");
    EXPECT_EQ(expect("libreswan/p-psk/alpha/psk/rsa2048/mtu1400").source, "/expect/0");
    EXPECT_EQ(expect("strongswan/p-cert/alpha/cert/rsa2048/mtu1400").describe(),
              "fail at ppp_auth");
    EXPECT_EQ(expect("strongswan/p-psk/alpha/psk/rsa2048/mtu1400").source, "/expect/1");
    EXPECT_EQ(expect("strongswan/p-psk/beta/psk/rsa2048/mtu1400").source, "default");
}

TEST(LoadMatrix, CopiesProfileAndPresetContent) {
    const Matrix matrix = load_matrix(good_dir() / "basic.jsonc");
    const auto& scenario = by_id(matrix, "strongswan/p-psk/beta/psk/rsa2048/mtu1400");
    EXPECT_EQ(scenario.profile.at("name"), "beta");
    EXPECT_EQ(scenario.profile.at("ike").at("proposals").at(0).at("cipher"), "aes128");
    EXPECT_EQ(scenario.preset.at("name"), "p-psk");
    EXPECT_EQ(scenario.preset.at("auth"), "psk");
}

TEST(LoadMatrix, CollectsSecretsAtAnyDepthOnce) {
    const Matrix matrix = load_matrix(good_dir() / "basic.jsonc");
    const std::multiset<std::string> secrets(matrix.secrets.begin(), matrix.secrets.end());
    EXPECT_EQ(secrets, (std::multiset<std::string>{"preset-psk-xyz", "alpha-pass-1", "KEY-MATERIAL",
                                                   "beta-pass-2"}));
}

TEST(LoadMatrix, NumericDimensionsAndProfilesDir) {
    const Matrix matrix = load_matrix(good_dir() / "numeric.jsonc");
    EXPECT_EQ(matrix.tier, Tier::netns);
    EXPECT_DOUBLE_EQ(matrix.timeouts.stage_s, Timeouts{}.stage_s);
    EXPECT_EQ(ids_of(matrix),
              (std::vector<std::string>{"mtu1500/rsa1024/none/delta", "mtu1500/rsa4096/none/delta",
                                        "mtu576/rsa1024/none/delta", "mtu576/rsa4096/none/delta",
                                        "mtu9000/rsa4096/none/delta"}));
    EXPECT_EQ(matrix.scenarios.back().value("mtu"), "9000");
    EXPECT_EQ(matrix.scenarios.back().value("key_bits"), "4096");
    EXPECT_TRUE(matrix.scenarios.back().preset.is_null());
    EXPECT_EQ(matrix.secrets, (std::vector<std::string>{"delta-secret-3"}));
}

using PairKey = std::tuple<std::string, std::string, std::string, std::string>;

std::set<PairKey> pairs_of(const std::vector<std::pair<std::string, std::string>>& values) {
    std::set<PairKey> pairs;
    for (std::size_t a = 0; a < values.size(); ++a) {
        for (std::size_t b = a + 1; b < values.size(); ++b) {
            pairs.emplace(values[a].first, values[a].second, values[b].first, values[b].second);
        }
    }
    return pairs;
}

TEST(LoadMatrix, PairwiseCoversEveryAllowedPairAndRespectsExclusions) {
    const Matrix pairwise = load_matrix(good_dir() / "pairwise.jsonc");
    std::set<PairKey> covered;
    for (const auto& scenario : pairwise.scenarios) {
        EXPECT_FALSE(scenario.value("auth") == "psk" && scenario.value("dn_length") != "dn20")
            << scenario.id;
        EXPECT_FALSE(scenario.value("profile") == "alpha" &&
                     scenario.value("ike_cipher")->starts_with("aes"))
            << scenario.id;
        const auto pairs = pairs_of(scenario.values);
        covered.insert(pairs.begin(), pairs.end());
    }

    // Brute force: the same file expanded in full gives every pair that can occur.
    std::string text;
    const fs::path full_file = fs::path(testing::TempDir()) / "pairwise-full.jsonc";
    {
        std::ifstream in(good_dir() / "pairwise.jsonc");
        text.assign(std::istreambuf_iterator<char>(in), {});
        const std::string reduction = "\"reduction\": \"pairwise\"";
        text.replace(text.find(reduction), reduction.size(),
                     "\"reduction\": \"full\", \"profiles_dir\": \"" +
                         (good_dir() / "profiles").string() + "\"");
        std::ofstream(full_file) << text;
    }
    const Matrix full = load_matrix(full_file);
    std::set<PairKey> possible;
    for (const auto& scenario : full.scenarios) {
        const auto pairs = pairs_of(scenario.values);
        possible.insert(pairs.begin(), pairs.end());
    }
    EXPECT_EQ(covered, possible);
    EXPECT_LT(pairwise.scenarios.size() * 20, full.scenarios.size());
}

TEST(LoadMatrix, PairwiseIsDeterministic) {
    const auto first = ids_of(load_matrix(good_dir() / "pairwise.jsonc"));
    const auto second = ids_of(load_matrix(good_dir() / "pairwise.jsonc"));
    EXPECT_EQ(first, second);
}

TEST(LoadMatrix, LargePairwiseMatrixIsQuickAndDropsImpossibleValues) {
    const auto start = std::chrono::steady_clock::now();
    const Matrix matrix = load_matrix(good_dir() / "large-pairwise.jsonc");
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
    EXPECT_GT(matrix.scenarios.size(), 40U);
    EXPECT_LT(matrix.scenarios.size(), 200U);
    for (const auto& scenario : matrix.scenarios) {
        EXPECT_EQ(scenario.value("auth"), "cert") << scenario.id; // psk is excluded with any key
    }
}

} // namespace
} // namespace harness::scenario
