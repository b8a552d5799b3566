// Expansion: ids, cartesian order, exclusions and expectation rules.
#include <algorithm>
#include <set>

#include <gtest/gtest.h>

#include "scenario/expansion.hpp"

namespace harness::scenario {
namespace {

Pattern pattern(std::vector<std::pair<std::string, std::vector<std::string>>> terms) {
    return Pattern{std::move(terms)};
}

ExpectRule fail_rule(Pattern when, Stage stage, std::string source, std::string reason = {}) {
    ExpectRule rule{std::move(when), {}};
    rule.expect.outcome = Expectation::Outcome::fail;
    rule.expect.stage = stage;
    rule.expect.reason_pattern = std::move(reason);
    rule.expect.source = std::move(source);
    return rule;
}

std::vector<std::string> ids_of(const std::vector<Scenario>& scenarios) {
    std::vector<std::string> ids;
    ids.reserve(scenarios.size());
    for (const auto& scenario : scenarios) {
        ids.push_back(scenario.id);
    }
    return ids;
}

TEST(Ids, SegmentsUseNumericPrefixes) {
    EXPECT_EQ(id_segment("key_bits", "2048"), "rsa2048");
    EXPECT_EQ(id_segment("mtu", "1400"), "mtu1400");
    EXPECT_EQ(id_segment("server", "libreswan"), "libreswan");
    EXPECT_EQ(id_segment("dn_length", "dn75"), "dn75");
}

TEST(Ids, JoinedInDimensionOrder) {
    const Values values{{"server", "libreswan"}, {"profile", "wm2003"},  {"auth", "cert"},
                        {"nat", "nat"},          {"ike_cipher", "3des"}, {"ppp_auth", "mschapv2"},
                        {"dn_length", "dn75"},   {"mtu", "1400"}};
    EXPECT_EQ(build_id(values), "libreswan/wm2003/cert/nat/3des/mschapv2/dn75/mtu1400");
}

TEST(Expansion, CartesianKeepsEverySingleValueDimensionAndSortsById) {
    ExpansionPlan plan;
    plan.dimensions = {
        {"server", {"strongswan", "libreswan"}}, {"mtu", {"1500", "576"}}, {"nat", {"none"}}};
    const auto scenarios = expand(plan);
    EXPECT_EQ(ids_of(scenarios),
              (std::vector<std::string>{"libreswan/mtu1500/none", "libreswan/mtu576/none",
                                        "strongswan/mtu1500/none", "strongswan/mtu576/none"}));
    EXPECT_EQ(scenarios[1].values,
              (Values{{"server", "libreswan"}, {"mtu", "576"}, {"nat", "none"}}));
}

TEST(Expansion, IdsAreStableAcrossRuns) {
    ExpansionPlan plan;
    plan.dimensions = {{"auth", {"psk", "cert"}}, {"key_bits", {"4096", "1024"}}};
    EXPECT_EQ(ids_of(expand(plan)), ids_of(expand(plan)));
    EXPECT_EQ(ids_of(expand(plan)), (std::vector<std::string>{"cert/rsa1024", "cert/rsa4096",
                                                              "psk/rsa1024", "psk/rsa4096"}));
}

TEST(Exclusions, DropEveryMatchingScenario) {
    ExpansionPlan plan;
    plan.dimensions = {{"auth", {"psk", "cert"}}, {"dn_length", {"dn20", "dn75", "dn200"}}};
    plan.exclude = {pattern({{"auth", {"psk"}}, {"dn_length", {"dn75", "dn2?0"}}})};
    EXPECT_EQ(ids_of(expand(plan)),
              (std::vector<std::string>{"cert/dn20", "cert/dn200", "cert/dn75", "psk/dn20"}));
}

TEST(Exclusions, AnyPatternIsEnoughAndAllCanBeExcluded) {
    ExpansionPlan plan;
    plan.dimensions = {{"auth", {"psk", "cert"}}, {"nat", {"none", "nat"}}};
    plan.exclude = {pattern({{"auth", {"psk"}}}), pattern({{"nat", {"n?t"}}})};
    EXPECT_EQ(ids_of(expand(plan)), (std::vector<std::string>{"cert/none"}));
    plan.exclude.push_back(pattern({{"auth", {"*"}}}));
    EXPECT_TRUE(expand(plan).empty());
}

TEST(Expectations, NoRuleMeansDefaultPass) {
    const auto expect = expectation_for({}, {{"auth", "psk"}});
    EXPECT_EQ(expect.outcome, Expectation::Outcome::pass);
    EXPECT_EQ(expect.source, "default");
    EXPECT_EQ(expect.describe(), "pass");
}

TEST(Expectations, LastMatchingRuleWins) {
    ExpectRule pass_rule{pattern({{"server", {"libreswan"}}}), {}};
    pass_rule.expect.source = "/expect/1";
    const std::vector<ExpectRule> rules{
        fail_rule(pattern({{"profile", {"wm*"}}}), Stage::ike_sa, "/expect/0", "no.?proposal"),
        pass_rule,
        fail_rule(pattern({{"profile", {"wm2003", "win?"}}, {"nat", {"nat"}}}), Stage::ppp_auth,
                  "/expect/2"),
    };

    const auto wm5 = expectation_for(rules, {{"server", "strongswan"}, {"profile", "wm5"}});
    EXPECT_EQ(wm5.describe(), "fail at ike_sa /no.?proposal/");
    EXPECT_EQ(wm5.source, "/expect/0");

    const auto libreswan =
        expectation_for(rules, {{"server", "libreswan"}, {"profile", "wm5"}, {"nat", "nat"}});
    EXPECT_EQ(libreswan.describe(), "pass");
    EXPECT_EQ(libreswan.source, "/expect/1");

    const auto array_glob =
        expectation_for(rules, {{"server", "libreswan"}, {"profile", "win7"}, {"nat", "nat"}});
    EXPECT_EQ(array_glob.stage, Stage::ppp_auth);
    EXPECT_EQ(array_glob.source, "/expect/2");

    const auto no_match =
        expectation_for(rules, {{"server", "strongswan"}, {"profile", "win10"}, {"nat", "nat"}});
    EXPECT_EQ(no_match.source, "default");
}

TEST(Expectations, AppliedDuringExpansion) {
    ExpansionPlan plan;
    plan.dimensions = {{"profile", {"wm5", "win7"}}, {"ike_cipher", {"3des", "aes128"}}};
    plan.expect = {fail_rule(pattern({{"profile", {"wm*"}}, {"ike_cipher", {"aes*"}}}),
                             Stage::ike_sa, "/expect/0")};
    std::set<std::string> failing;
    for (const auto& scenario : expand(plan)) {
        if (scenario.expect.outcome == Expectation::Outcome::fail) {
            failing.insert(scenario.id);
        }
    }
    EXPECT_EQ(failing, (std::set<std::string>{"wm5/aes128"}));
}

TEST(Patterns, EveryTermMustMatch) {
    const Pattern both = pattern({{"auth", {"psk"}}, {"nat", {"none", "n*t"}}});
    EXPECT_TRUE(both.matches({{"auth", "psk"}, {"nat", "nat"}}));
    EXPECT_FALSE(both.matches({{"auth", "cert"}, {"nat", "nat"}}));
    EXPECT_FALSE(both.matches({{"auth", "psk"}})); // a missing dimension never matches
    EXPECT_TRUE(pattern({}).matches({{"auth", "cert"}}));
}

TEST(FullSize, MultipliesAndSaturates) {
    EXPECT_EQ(full_size({{"auth", {"psk", "cert"}}, {"nat", {"none", "nat"}}}), 4U);
    std::vector<Dimension> huge(30, Dimension{"mtu", std::vector<std::string>(100, "x")});
    EXPECT_EQ(full_size(huge), std::numeric_limits<std::uint64_t>::max());
}

} // namespace
} // namespace harness::scenario
