// The strongSwan driver's rendering, compared with the expected files kept beside the tests.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "servers/strongswan_driver.hpp"

namespace harness::servers {
namespace {

std::filesystem::path presets() {
    return std::filesystem::path(HARNESS_SOURCE_DIR) / "scenarios/presets";
}

std::filesystem::path expected() {
    return std::filesystem::path(HARNESS_TEST_DATA_DIR) / "servers";
}

std::string read(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

TEST(StrongswanDriver, RendersSeedPskSwanctlConf) {
    const ServerPreset preset = load_preset(presets() / "seed-psk.json");
    EXPECT_EQ(render_swanctl_conf(preset, "192.0.2.1"), read(expected() / "seed-psk.swanctl.conf"));
}

TEST(StrongswanDriver, RendersModernSwanctlConfWithDpdAndFragmentation) {
    const ServerPreset preset = load_preset(presets() / "modern.json");
    EXPECT_EQ(render_swanctl_conf(preset, "192.0.2.1"), read(expected() / "modern.swanctl.conf"));
}

TEST(StrongswanDriver, RendersStrongswanConfIntoWorkdir) {
    EXPECT_EQ(render_strongswan_conf("/tmp/hx-work"), read(expected() / "strongswan.conf"));
}

TEST(StrongswanDriver, RendersPfsGroupAndRekeyTimes) {
    ServerPreset preset = load_preset(presets() / "seed-psk.json");
    preset.pfs = true;
    preset.rekey = true;
    const std::string conf = render_swanctl_conf(preset, "192.0.2.1");
    EXPECT_NE(conf.find("esp_proposals = 3des-sha1-modp1024, 3des-md5-modp1024,"),
              std::string::npos);
    EXPECT_NE(conf.find("        rekey_time = 28800s\n"), std::string::npos);
    EXPECT_NE(conf.find("                rekey_time = 3240s\n"), std::string::npos);
}

TEST(StrongswanDriver, WritesAnUnusualSecretAsHex) {
    ServerPreset preset = load_preset(presets() / "seed-psk.json");
    preset.psk = "a\"b\n";
    const std::string conf = render_swanctl_conf(preset, "192.0.2.1");
    EXPECT_NE(conf.find("secret = 0x6122620a\n"), std::string::npos) << conf;
    EXPECT_EQ(conf.find("a\"b"), std::string::npos);
}

TEST(StrongswanDriver, RendersCertificateAuthWithoutSecrets) {
    const ServerPreset preset = load_preset(presets() / "seed-cert.json");
    const std::string conf = render_swanctl_conf(preset, "192.0.2.1");
    EXPECT_NE(conf.find("auth = pubkey\n            certs = server.pem\n"), std::string::npos)
        << conf;
    EXPECT_EQ(conf.find("auth = psk"), std::string::npos) << conf;
    EXPECT_EQ(conf.find("secrets {"), std::string::npos) << conf;
}

TEST(StrongswanDriver, AggressivePskNeedsItSaidInBothFiles) {
    ServerPreset preset = load_preset(presets() / "seed-psk.json");
    EXPECT_EQ(render_swanctl_conf(preset, "192.0.2.1").find("aggressive"), std::string::npos);
    preset.aggressive = true;
    EXPECT_NE(render_swanctl_conf(preset, "192.0.2.1").find("aggressive = yes\n"),
              std::string::npos);
    EXPECT_NE(render_strongswan_conf("/tmp/w", true).find("use_aggressive_mode_psk = yes"),
              std::string::npos);
    EXPECT_EQ(render_strongswan_conf("/tmp/w").find("aggressive"), std::string::npos);
}

TEST(StrongswanDriver, RefusesAnUnknownAuth) {
    ServerPreset preset = load_preset(presets() / "seed-psk.json");
    preset.auth = "xauth";
    EXPECT_THROW((void)render_swanctl_conf(preset, "192.0.2.1"), ServerError);
}

TEST(StrongswanDriver, NamesTheFieldOfAnUnknownCipher) {
    auto json = nlohmann::ordered_json::parse(read(presets() / "seed-psk.json"));
    json["ike"]["proposals"][1]["cipher"] = "blowfish";
    try {
        (void)parse_preset(json);
        FAIL() << "an unknown cipher was accepted";
    } catch (const ServerError& e) {
        EXPECT_NE(std::string(e.what()).find("/ike/proposals/1/cipher"), std::string::npos)
            << e.what();
    }
}

TEST(StrongswanDriver, RefusesAMissingLifetime) {
    auto json = nlohmann::ordered_json::parse(read(presets() / "seed-psk.json"));
    json["esp"].erase("lifetime_s");
    EXPECT_THROW((void)parse_preset(json), ServerError);
}

TEST(StrongswanDriver, WantsTheShimWithoutKernelEsp) {
    lab::HostReport report;
    report.checks.push_back({"esp", lab::Capability::no, "no ESP"});
    EXPECT_TRUE(needs_xfrm_shim(report));
    report.checks.back().status = lab::Capability::yes;
    EXPECT_FALSE(needs_xfrm_shim(report));
}

} // namespace
} // namespace harness::servers
