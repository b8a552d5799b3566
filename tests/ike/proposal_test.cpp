// Proposal value types: transforms both ways and the shipped client profiles.
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ike/exchange_runner.hpp"
#include "ike/proposal.hpp"

namespace harness::ike {
namespace {

nlohmann::json load_profile(const std::string& name) {
    std::ifstream in(std::string(HARNESS_SOURCE_DIR) + "/scenarios/profiles/" + name + ".json");
    return nlohmann::json::parse(in);
}

TEST(Proposal, Phase1TransformCarriesAppendixAValues) {
    const Transform transform =
        to_transform(Phase1Proposal{CipherKind::aes256, HashKind::sha256, 14, 1, 28800}, 3);
    EXPECT_EQ(transform.number, 3);
    EXPECT_EQ(find_attribute(transform.attributes, phase1_attr::encryption)->value, 7);
    EXPECT_EQ(find_attribute(transform.attributes, phase1_attr::key_length)->value, 256);
    EXPECT_EQ(find_attribute(transform.attributes, phase1_attr::hash)->value, 4);
    EXPECT_EQ(find_attribute(transform.attributes, phase1_attr::group)->value, 14);
    EXPECT_EQ(find_attribute(transform.attributes, phase1_attr::life_duration)->value, 28800);
}

TEST(Proposal, Phase1RoundTripsThroughItsTransform) {
    const Phase1Proposal proposal{CipherKind::des3, HashKind::md5, 2, 1, 86400};
    const Transform transform = to_transform(proposal, 1);
    EXPECT_FALSE(find_attribute(transform.attributes, phase1_attr::life_duration)->basic);
    EXPECT_EQ(phase1_from_transform(transform), proposal);
    EXPECT_EQ(to_string(proposal), "3des-md5-modp1024");
}

TEST(Proposal, UnknownPhase1ValueIsNotAProposal) {
    Transform transform = to_transform(Phase1Proposal{}, 1);
    transform.attributes[0].value = 99;
    EXPECT_FALSE(phase1_from_transform(transform).has_value());
}

TEST(Proposal, Phase2RoundTripsWithEncapsulation) {
    const Phase2Proposal proposal{CipherKind::aes128, HashKind::sha1, 3600};
    const Transform transform = to_transform(proposal, 2, phase2_value::mode_udp_transport);
    EXPECT_EQ(transform.id, transform_id::esp_aes);
    EXPECT_EQ(find_attribute(transform.attributes, phase2_attr::encapsulation_mode)->value, 4);
    EXPECT_EQ(find_attribute(transform.attributes, phase2_attr::key_length)->value, 128);
    EXPECT_EQ(phase2_from_transform(transform), proposal);
}

TEST(Proposal, ReadsTheWm2003Profile) {
    const nlohmann::json profile = load_profile("wm2003");
    const auto phase1 = phase1_from_profile(profile);
    ASSERT_EQ(phase1.size(), 2U);
    EXPECT_EQ(to_string(phase1[0]), "3des-sha1-modp1024");
    EXPECT_EQ(to_string(phase1[1]), "3des-md5-modp1024");
    EXPECT_EQ(phase1[0].lifetime_s, 28800U);
    const auto phase2 = phase2_from_profile(profile);
    ASSERT_EQ(phase2.size(), 2U);
    EXPECT_EQ(to_string(phase2[1]), "esp-3des-md5");
    EXPECT_EQ(phase2[0].lifetime_s, 3600U);
    EXPECT_EQ(RetransmitPolicy::from_profile(profile).max_tries, 5);
}

TEST(Proposal, ReadsEveryShippedProfile) {
    for (const char* name :
         {"android", "macos", "modern", "win2000", "win7", "winxp-sp2", "wm2003", "wm5", "wm6"}) {
        const nlohmann::json profile = load_profile(name);
        EXPECT_FALSE(phase1_from_profile(profile).empty()) << name;
        EXPECT_FALSE(phase2_from_profile(profile).empty()) << name;
    }
    EXPECT_EQ(to_string(phase1_from_profile(load_profile("modern"))[0]), "aes256-sha256-modp2048");
}

TEST(Proposal, UnknownNamesAreProfileErrors) {
    nlohmann::json profile = load_profile("wm2003");
    profile["ike"]["proposals"][0]["cipher"] = "rot13";
    EXPECT_THROW(phase1_from_profile(profile), ProfileError);
    profile.erase("quick_mode");
    EXPECT_THROW(phase2_from_profile(profile), ProfileError);
}

} // namespace
} // namespace harness::ike
