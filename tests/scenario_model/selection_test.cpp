// Selection: glob matching, exact ids, filters and shards.
#include <algorithm>
#include <set>

#include <gtest/gtest.h>

#include "scenario/selection.hpp"

namespace harness::scenario {
namespace {

std::vector<Scenario> scenarios_with_ids(std::vector<std::string> ids) {
    std::vector<Scenario> scenarios;
    scenarios.reserve(ids.size());
    for (auto& id : ids) {
        Scenario scenario;
        scenario.id = std::move(id);
        scenarios.push_back(std::move(scenario));
    }
    return scenarios;
}

std::vector<std::string> ids_of(const std::vector<Scenario>& scenarios) {
    std::vector<std::string> ids;
    ids.reserve(scenarios.size());
    for (const auto& scenario : scenarios) {
        ids.push_back(scenario.id);
    }
    return ids;
}

// The same seven scenarios for every test.
std::vector<Scenario> sample_scenarios() {
    return scenarios_with_ids({"libreswan/win7/psk/nat", "libreswan/wm2003/cert/nat",
                               "libreswan/wm2003/psk/none", "strongswan/win7/cert/none",
                               "strongswan/win7/psk/nat", "strongswan/wm2003/cert/nat",
                               "strongswan/wm5/psk/none"});
}

TEST(Glob, StarQuestionMarkAndLiterals) {
    EXPECT_TRUE(glob_match("*", ""));
    EXPECT_TRUE(glob_match("*", "a/b/c"));
    EXPECT_TRUE(glob_match("wm*", "wm2003"));
    EXPECT_FALSE(glob_match("wm*", "win7"));
    EXPECT_TRUE(glob_match("win?", "win7"));
    EXPECT_FALSE(glob_match("win?", "win10"));
    EXPECT_FALSE(glob_match("?", ""));
    EXPECT_TRUE(glob_match("*/wm2003/*", "libreswan/wm2003/cert/nat"));
    EXPECT_TRUE(glob_match("*nat", "libreswan/wm2003/cert/nat"));
    EXPECT_FALSE(glob_match("*nat", "libreswan/wm2003/cert/nat/x"));
    EXPECT_TRUE(glob_match("a*b*c", "axxbyyc"));
    EXPECT_FALSE(glob_match("a*b*c", "axxbyy"));
    EXPECT_TRUE(glob_match("exact", "exact"));
    EXPECT_FALSE(glob_match("exact", "exactly"));
    EXPECT_TRUE(glob_match("**a", "bba"));
}

TEST(Select, NothingGivenMeansEverything) {
    const auto sample = sample_scenarios();
    EXPECT_EQ(select(sample, {}).size(), sample.size());
}

TEST(Select, ExactIds) {
    const auto sample = sample_scenarios();
    const Selection selection{{"strongswan/wm5/psk/none", "libreswan/win7/psk/nat"}, {}, 1, 1};
    EXPECT_EQ(ids_of(select(sample, selection)),
              (std::vector<std::string>{"libreswan/win7/psk/nat", "strongswan/wm5/psk/none"}));
}

TEST(Select, UnknownIdIsAnErrorNamingIt) {
    const auto sample = sample_scenarios();
    const Selection selection{{"strongswan/wm5/psk/none", "strongswan/wm6/psk/none"}, {}, 1, 1};
    try {
        select(sample, selection);
        FAIL() << "an unknown id was accepted";
    } catch (const SelectionError& error) {
        EXPECT_STREQ(error.what(), "unknown scenario id \"strongswan/wm6/psk/none\"");
    }
}

TEST(Select, IdsArePlainTextNotGlobs) {
    const auto sample = sample_scenarios();
    const Selection selection{{"strongswan/*"}, {}, 1, 1};
    EXPECT_THROW(select(sample, selection), SelectionError);
}

TEST(Select, FiltersAreOredAndCombineWithIds) {
    const auto sample = sample_scenarios();
    const Selection filters{{}, {"*/wm2003/*", "*/win7/cert/*"}, 1, 1};
    EXPECT_EQ(
        ids_of(select(sample, filters)),
        (std::vector<std::string>{"libreswan/wm2003/cert/nat", "libreswan/wm2003/psk/none",
                                  "strongswan/win7/cert/none", "strongswan/wm2003/cert/nat"}));

    const Selection both{{"strongswan/wm5/psk/none"}, {"libreswan/win?/*"}, 1, 1};
    EXPECT_EQ(ids_of(select(sample, both)),
              (std::vector<std::string>{"libreswan/win7/psk/nat", "strongswan/wm5/psk/none"}));

    const Selection none{{}, {"nothing*"}, 1, 1};
    EXPECT_TRUE(select(sample, none).empty());
}

TEST(Select, ShardsPartitionTheSelectionExactly) {
    const auto sample = sample_scenarios();
    for (int count = 1; count <= 9; ++count) {
        std::multiset<std::string> seen;
        for (int index = 1; index <= count; ++index) {
            const auto part = select(sample, Selection{{}, {}, index, count});
            EXPECT_LE(part.size(), (sample.size() + static_cast<std::size_t>(count) - 1) /
                                       static_cast<std::size_t>(count));
            for (const auto& scenario : part) {
                seen.insert(scenario.id);
            }
        }
        const auto all = ids_of(sample);
        EXPECT_EQ(seen, std::multiset<std::string>(all.begin(), all.end())) << count;
    }
}

TEST(Select, ShardsRoundRobinInIdOrderAfterFiltering) {
    const auto sample = sample_scenarios();
    const auto reversed = std::vector<Scenario>(sample.rbegin(), sample.rend());
    EXPECT_EQ(ids_of(select(reversed, Selection{{}, {"strongswan/*"}, 2, 2})),
              (std::vector<std::string>{"strongswan/win7/psk/nat", "strongswan/wm5/psk/none"}));
    EXPECT_EQ(
        ids_of(select(sample, Selection{{}, {}, 3, 3})),
        (std::vector<std::string>{"libreswan/wm2003/psk/none", "strongswan/wm2003/cert/nat"}));
}

TEST(Select, ImpossibleShardInSelectionIsRejected) {
    const auto sample = sample_scenarios();
    EXPECT_THROW(select(sample, Selection{{}, {}, 3, 2}), SelectionError);
    EXPECT_THROW(select(sample, Selection{{}, {}, 1, 0}), SelectionError);
}

TEST(ParseShard, AcceptsIndexOverCount) {
    const auto shard = parse_shard("2/4");
    EXPECT_EQ(shard.index, 2);
    EXPECT_EQ(shard.count, 4);
    EXPECT_EQ(parse_shard("1/1").count, 1);
    EXPECT_EQ(parse_shard("12/12").index, 12);
}

TEST(ParseShard, RejectsBadStrings) {
    for (const char* bad :
         {"", "2", "/4", "2/", "a/4", "2/b", "2/4/6", " 2/4", "2/4 ", "-1/4", "2.0/4", "+2/4"}) {
        EXPECT_THROW(parse_shard(bad), SelectionError) << '"' << bad << '"';
    }
}

TEST(ParseShard, ErrorsSayWhatIsWrong) {
    const auto message = [](const char* text) {
        try {
            parse_shard(text);
        } catch (const SelectionError& error) {
            return std::string(error.what());
        }
        return std::string("accepted");
    };
    EXPECT_EQ(message("5/4"), "bad shard \"5/4\": the index must be between 1 and 4");
    EXPECT_EQ(message("0/4"), "bad shard \"0/4\": the index must be between 1 and 4");
    EXPECT_EQ(message("1/0"), "bad shard \"1/0\": the shard count must be at least 1");
    EXPECT_EQ(message("x"),
              "bad shard \"x\": expected <index>/<count> with whole numbers, e.g. 2/4");
}

} // namespace
} // namespace harness::scenario
