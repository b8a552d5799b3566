// The Libreswan driver's rendering, compared with the expected files kept beside the tests.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "servers/libreswan_driver.hpp"

namespace harness::servers {
namespace {

std::filesystem::path data() {
    return std::filesystem::path(HARNESS_TEST_DATA_DIR) / "servers";
}

std::string read(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

LibreswanTarget target(LibreswanVersion version) {
    return {"192.0.2.1", "/tmp/hx-work", version, {"198.51.100.0/24"}};
}

TEST(LibreswanDriver, ParsesPlutoVersion) {
    const auto version = parse_pluto_version("Libreswan 4.10 IKEv2 IKEv1 XFRM NSS\n");
    ASSERT_TRUE(version.has_value());
    EXPECT_EQ(version->major, 4);
    EXPECT_EQ(version->minor, 10);
    EXPECT_TRUE(version->at_least(4, 3));
    EXPECT_FALSE(version->at_least(5, 0));
    EXPECT_FALSE(parse_pluto_version("strongSwan 5.9.8").has_value());
    EXPECT_FALSE(parse_pluto_version("Libreswan x.y").has_value());
    EXPECT_FALSE(parse_pluto_version("Libreswan 4").has_value());
}

TEST(LibreswanDriver, KnowsWhichGroupsAreBuilt) {
    EXPECT_FALSE(libreswan_supports_group("modp1024", {4, 10}));
    EXPECT_TRUE(libreswan_supports_group("modp1024", {3, 29}));
    EXPECT_FALSE(libreswan_supports_group("modp768", {3, 0}));
    EXPECT_TRUE(libreswan_supports_group("modp2048", {5, 2}));
}

TEST(LibreswanDriver, RendersIpsecConfFor4x) {
    const ServerPreset preset = load_preset(data() / "libreswan-test.json");
    const LibreswanConfig config = render_libreswan(preset, target({4, 10}));
    EXPECT_EQ(config.ipsec_conf, read(data() / "libreswan-test-4.10.conf"));
    EXPECT_EQ(config.ipsec_secrets, "%any %any : PSK \"psk-test-only-Lw7r2\"\n");
}

TEST(LibreswanDriver, Renders5xWithKeyexchangeIkev1) {
    const ServerPreset preset = load_preset(data() / "libreswan-test.json");
    const LibreswanConfig config = render_libreswan(preset, target({5, 2}));
    EXPECT_EQ(config.ipsec_conf, read(data() / "libreswan-test-5.2.conf"));
}

TEST(LibreswanDriver, DropsModp1024AndSaysSo) {
    const ServerPreset preset = load_preset(data() / "libreswan-test.json");
    const LibreswanConfig config = render_libreswan(preset, target({4, 10}));
    ASSERT_EQ(config.notes.size(), 1U);
    EXPECT_EQ(config.notes[0],
              "dropped IKE proposal 3des-sha1-modp1024: Libreswan 4.10 is built without modp1024");
    EXPECT_EQ(config.ipsec_conf.find("modp1024"), std::string::npos);
    // An old release that still builds MODP1024 keeps the proposal.
    EXPECT_TRUE(render_libreswan(preset, target({3, 29})).notes.empty());
}

TEST(LibreswanDriver, RefusesAPresetWithOnlyModp1024) {
    const ServerPreset preset =
        load_preset(std::filesystem::path(HARNESS_SOURCE_DIR) / "scenarios/presets/seed-psk.json");
    try {
        render_libreswan(preset, target({4, 10}));
        FAIL() << "seed-psk rendered although Libreswan 4.10 has no MODP1024";
    } catch (const ServerError& e) {
        EXPECT_NE(std::string(e.what()).find("no IKE proposal of preset 'seed-psk' is usable"),
                  std::string::npos)
            << e.what();
        EXPECT_NE(std::string(e.what()).find("built without modp1024"), std::string::npos);
    }
}

TEST(LibreswanDriver, RendersPfsDpdAndAnUnusualSecret) {
    ServerPreset preset = load_preset(data() / "libreswan-test.json");
    preset.pfs = true;
    preset.dpd = Dpd{30, 120};
    preset.psk = "a\"b\n";
    const LibreswanConfig config = render_libreswan(preset, target({4, 10}));
    EXPECT_NE(
        config.ipsec_conf.find("    phase2alg=aes128-sha1;modp2048,aes256-sha2_256;modp2048\n"),
        std::string::npos)
        << config.ipsec_conf;
    EXPECT_NE(config.ipsec_conf.find("    pfs=yes\n"), std::string::npos);
    EXPECT_NE(config.ipsec_conf.find("    dpddelay=30s\n    dpdtimeout=120s\n"), std::string::npos);
    EXPECT_EQ(config.ipsec_secrets, "%any %any : PSK 0x6122620a\n");
}

TEST(LibreswanDriver, RefusesCertificateAuthForNow) {
    ServerPreset preset = load_preset(data() / "libreswan-test.json");
    preset.auth = "cert";
    EXPECT_THROW(render_libreswan(preset, target({4, 10})), ServerError);
}

} // namespace
} // namespace harness::servers
