// The all-pairs reduction: coverage checked by brute force, determinism, size, exclusions.
#include <chrono>
#include <set>
#include <tuple>

#include <gtest/gtest.h>

#include "scenario/pairwise.hpp"

namespace harness::scenario {
namespace {

using PairKey = std::tuple<std::size_t, int, std::size_t, int>;

// Every full combination, the last dimension fastest.
std::vector<Combination> all_combinations(const std::vector<int>& counts) {
    std::vector<Combination> all{Combination{}};
    for (const int n : counts) {
        std::vector<Combination> longer;
        for (const auto& prefix : all) {
            for (int v = 0; v < n; ++v) {
                longer.push_back(prefix);
                longer.back().push_back(v);
            }
        }
        all = std::move(longer);
    }
    return all;
}

std::set<PairKey> pairs_in(const std::vector<Combination>& rows) {
    std::set<PairKey> pairs;
    for (const auto& row : rows) {
        for (std::size_t a = 0; a < row.size(); ++a) {
            for (std::size_t b = a + 1; b < row.size(); ++b) {
                pairs.emplace(a, row[a], b, row[b]);
            }
        }
    }
    return pairs;
}

// Excludes a combination when the listed (dimension, value) choices are all decided and equal.
AllowedPredicate excluding(std::vector<std::vector<std::pair<std::size_t, int>>> patterns) {
    return [patterns = std::move(patterns)](const Combination& row) {
        for (const auto& terms : patterns) {
            bool all = true;
            for (const auto& [dim, value] : terms) {
                all = all && row[dim] == value;
            }
            if (all) {
                return false;
            }
        }
        return true;
    };
}

void expect_covers_all_allowed_pairs(const std::vector<int>& counts,
                                     const AllowedPredicate& allowed) {
    const auto rows = pairwise_cover(counts, allowed);
    std::vector<Combination> allowed_full;
    for (const auto& row : all_combinations(counts)) {
        if (allowed(row)) {
            allowed_full.push_back(row);
        }
    }
    for (const auto& row : rows) {
        ASSERT_EQ(row.size(), counts.size());
        EXPECT_TRUE(allowed(row));
    }
    EXPECT_EQ(pairs_in(rows), pairs_in(allowed_full));
    EXPECT_LE(rows.size(), allowed_full.size());
}

const AllowedPredicate allow_all = [](const Combination&) { return true; };

TEST(Pairwise, CoversEveryPairWithoutExclusions) {
    expect_covers_all_allowed_pairs({3, 3, 3, 3}, allow_all);
    expect_covers_all_allowed_pairs({2, 5, 3, 4, 2}, allow_all);
}

TEST(Pairwise, FarFewerRowsThanTheFullProduct) {
    const auto rows = pairwise_cover({3, 3, 3, 3}, allow_all);
    EXPECT_LE(rows.size(), 15U); // the optimum is 9 of 81
    EXPECT_GE(rows.size(), 9U);
}

TEST(Pairwise, IsDeterministic) {
    const auto allowed = excluding({{{0, 1}, {2, 0}}});
    EXPECT_EQ(pairwise_cover({3, 4, 2, 5}, allowed), pairwise_cover({3, 4, 2, 5}, allowed));
}

TEST(Pairwise, RespectsExclusionsAndStillCoversWhatIsPossible) {
    expect_covers_all_allowed_pairs({3, 3, 3, 3}, excluding({{{0, 0}, {1, 0}}, {{2, 1}, {3, 2}}}));
    expect_covers_all_allowed_pairs({2, 3, 4, 2, 3},
                                    excluding({{{0, 0}, {2, 1}}, {{0, 0}, {2, 2}}, {{1, 2}}}));
}

TEST(Pairwise, PairImpossibleOnlyThroughSeveralPatternsIsNotRequired) {
    // Value 0 of dimension 0 cannot be combined with either value of dimension 2, so no allowed
    // combination has it; the cover must not try to force it in.
    const auto allowed = excluding({{{0, 0}, {2, 0}}, {{0, 0}, {2, 1}}});
    const auto rows = pairwise_cover({2, 3, 2}, allowed);
    for (const auto& row : rows) {
        EXPECT_EQ(row[0], 1);
    }
    expect_covers_all_allowed_pairs({2, 3, 2}, allowed);
}

TEST(Pairwise, OneDimensionGivesEveryValueOnce) {
    EXPECT_EQ(pairwise_cover({3}, allow_all),
              (std::vector<Combination>{Combination{0}, Combination{1}, Combination{2}}));
}

TEST(Pairwise, NothingAllowedGivesNothing) {
    EXPECT_TRUE(pairwise_cover({2, 2}, excluding({{{0, 0}}, {{0, 1}}})).empty());
    EXPECT_TRUE(pairwise_cover({2, 0}, allow_all).empty());
}

TEST(Pairwise, TwelveDimensionsOfTenValuesIsFast) {
    const std::vector<int> counts(12, 10);
    const auto start = std::chrono::steady_clock::now();
    const auto rows = pairwise_cover(counts, excluding({{{0, 0}, {1, 0}}, {{5, 9}, {11, 9}}}));
    const auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_LT(elapsed, std::chrono::seconds(5));
    EXPECT_LT(rows.size(), 250U);

    // Without brute force over 10^12 rows: each allowed pair must appear.
    const auto covered = pairs_in(rows);
    std::size_t expected = 0;
    for (std::size_t a = 0; a < 12; ++a) {
        for (std::size_t b = a + 1; b < 12; ++b) {
            for (int va = 0; va < 10; ++va) {
                for (int vb = 0; vb < 10; ++vb) {
                    const bool excluded = (a == 0 && b == 1 && va == 0 && vb == 0) ||
                                          (a == 5 && b == 11 && va == 9 && vb == 9);
                    expected += excluded ? 0 : 1;
                    EXPECT_EQ(covered.contains({a, va, b, vb}), !excluded);
                }
            }
        }
    }
    EXPECT_EQ(covered.size(), expected);
}

} // namespace
} // namespace harness::scenario
