// Our IKEv1 initiator (the ike_probe tool) against strongSwan's charon in a network namespace:
// charon, not our own code, judges the wire. Asserts on both the client's events and charon.log.
// Needs root; skipped with the reason otherwise.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "crypto/test_pki.hpp"
#include "lab/netns.hpp"
#include "servers/strongswan_driver.hpp"

namespace harness::servers {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

fs::path source_dir() {
    return fs::path{HARNESS_SOURCE_DIR};
}

// A scratch folder, removed with its content.
class Scratch {
public:
    Scratch() : path_(fs::temp_directory_path() / lab::unique_name("hxc")) {
        fs::create_directories(path_);
    }
    ~Scratch() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

struct ProbeRun {
    lab::CommandResult command;
    std::string result; ///< "established" or "failed", from the probe's last line
    std::string reason;
};

class ClientVsStrongswan : public ::testing::Test {
protected:
    void SetUp() override {
        for (const char* program : {"swanctl", "nft", "/usr/lib/ipsec/charon"}) {
            if (!lab::find_program(program)) {
                GTEST_SKIP() << program << " is not installed (run scripts/install-deps.sh)";
            }
        }
        lab::sweep_leftovers("hx");
    }

    std::unique_ptr<StrongswanServer> start(const lab::Topology& topology, const fs::path& workdir,
                                            const std::string& preset = "seed-psk",
                                            std::optional<CertificateFiles> pki = {}) {
        StrongswanOptions options;
        options.exec_prefix = topology.server.exec_prefix();
        options.workdir = workdir;
        options.local_address = topology.server_address;
        options.pki = std::move(pki);
        if (needs_xfrm_shim(lab::decide(lab::gather_facts()))) {
            options.xfrm_shim = HARNESS_XFRM_SHIM;
        }
        preset_ = load_preset(source_dir() / "scenarios/presets" / (preset + ".json"));
        preset_.aggressive = aggressive_;
        return std::make_unique<StrongswanServer>(preset_, std::move(options));
    }

    // A fresh PKI written to dir; returns what charon needs of it.
    static CertificateFiles write_pki(const crypto::TestPki& pki, const fs::path& dir) {
        fs::create_directories(dir);
        pki.write_files(dir);
        return {dir / "ca.pem", dir / "server.pem", dir / "server.key"};
    }

    // Runs our client from the client namespace with the PSK from a file, never argv.
    ProbeRun probe(const lab::Topology& topology, const fs::path& scratch,
                   const std::string& profile, const std::string& psk) {
        const fs::path psk_file = scratch / "psk";
        std::ofstream(psk_file) << psk;
        return probe_with(topology, profile, {"--psk-file", psk_file.string()});
    }

    // The same with certificates from a PKI written by write_pki.
    ProbeRun probe_cert(const lab::Topology& topology, const fs::path& pki_dir,
                        const std::string& profile) {
        return probe_with(topology, profile,
                          {"--cert", (pki_dir / "client.pem").string(), "--key",
                           (pki_dir / "client.key").string(), "--ca",
                           (pki_dir / "ca.pem").string()});
    }

    ProbeRun probe_with(const lab::Topology& topology, const std::string& profile,
                        const std::vector<std::string>& auth) {
        std::vector<std::string> argv = topology.client.exec_prefix();
        for (const std::string& arg :
             {std::string(HARNESS_IKE_PROBE), std::string("--server"), topology.server_address,
              std::string("--profile"),
              (source_dir() / "scenarios/profiles" / (profile + ".json")).string(),
              std::string("--quick-mode"), std::string("--timeout"), std::string("4")}) {
            argv.push_back(arg);
        }
        argv.insert(argv.end(), auth.begin(), auth.end());
        if (aggressive_) {
            argv.emplace_back("--aggressive");
        }
        ProbeRun run{lab::run_command(argv, 30s), {}, {}};
        std::istringstream lines(run.command.out);
        for (std::string line; std::getline(lines, line);) {
            if (line.find("\"result\"") != std::string::npos) {
                const auto json = nlohmann::json::parse(line);
                run.result = json.value("result", "");
                run.reason = json.value("reason", "");
            }
        }
        return run;
    }

    static bool has(const std::string& text, const std::string& needle) {
        return text.find(needle) != std::string::npos;
    }

    // charon handles Quick Mode's last message after our client has exited: poll its log for
    // the child SA for a while instead of reading it once.
    static bool child_sa_logged(StrongswanServer& server) {
        const auto deadline = std::chrono::steady_clock::now() + 3s;
        for (;;) {
            const std::string log = server.log_text();
            if (has(log, "CHILD_SA") || has(log, "SAD entry")) {
                return true;
            }
            if (std::chrono::steady_clock::now() > deadline) {
                return false;
            }
            std::this_thread::sleep_for(50ms);
        }
    }

    // Certificate Main Mode with the given PKI; asserts on both sides' view of the result.
    ProbeRun expect_certificate_main_mode(const crypto::PkiOptions& options) {
        const lab::Topology topology = lab::direct();
        const Scratch scratch;
        const crypto::TestPki pki = crypto::TestPki::generate(options);
        const CertificateFiles files = write_pki(pki, scratch.path() / "pki");
        auto server = start(topology, scratch.path() / "server", "seed-cert", files);

        ProbeRun run = probe_cert(topology, scratch.path() / "pki", "wm2003");
        EXPECT_EQ(run.result, "established") << run.reason << "\n" << run.command.out;
        EXPECT_EQ(run.command.exit_code, 0);
        EXPECT_TRUE(has(run.command.out, "message 5: ID, CERT, SIG")) << run.command.out;
        EXPECT_TRUE(has(run.command.out, "\"peer_certificate\"")) << run.command.out;

        const std::string log = server->log_text();
        EXPECT_TRUE(has(log, "established between 192.0.2.1[")) << log;
        EXPECT_TRUE(has(log, "authentication of '" + pki.client.certificate.subject() + "'") &&
                    has(log, "successful"))
            << log;
        EXPECT_TRUE(child_sa_logged(*server)) << server->log_text();
        return run;
    }

    // The size the client logged for message 5 ("... encrypted (2916 bytes)"), 0 if absent.
    static std::size_t message_5_size(const std::string& out) {
        const std::size_t at = out.find("message 5: ID, CERT, SIG encrypted (");
        if (at == std::string::npos) {
            return 0;
        }
        return std::stoul(
            out.substr(at + std::string("message 5: ID, CERT, SIG encrypted (").size()));
    }

    ServerPreset preset_;
    bool aggressive_ = false;
};

TEST_F(ClientVsStrongswan, PocketPc2003MainAndQuickModeWithPsk) {
    const lab::Topology topology = lab::direct();
    const Scratch scratch;
    auto server = start(topology, scratch.path() / "server");

    const ProbeRun run = probe(topology, scratch.path(), "wm2003", preset_.psk);
    EXPECT_EQ(run.result, "established") << run.reason << "\n" << run.command.out;
    EXPECT_EQ(run.command.exit_code, 0);
    EXPECT_TRUE(has(run.command.out, "\"chosen_proposal\"")) << run.command.out;
    EXPECT_FALSE(has(run.command.out, preset_.psk)) << "the PSK leaked into the client's events";

    const std::string log = server->log_text();
    EXPECT_TRUE(has(log, "IKE_SA")) << log;
    EXPECT_TRUE(has(log, "established between 192.0.2.1[")) << log;
    EXPECT_TRUE(child_sa_logged(*server)) << server->log_text();
}

TEST_F(ClientVsStrongswan, ModernClientRefusedWithNoProposalChosen) {
    const lab::Topology topology = lab::direct();
    const Scratch scratch;
    auto server = start(topology, scratch.path() / "server");

    const ProbeRun run = probe(topology, scratch.path(), "modern", preset_.psk);
    EXPECT_EQ(run.result, "failed") << run.command.out;
    EXPECT_NE(run.command.exit_code, 0);
    EXPECT_TRUE(has(run.reason, "NO_PROPOSAL_CHOSEN")) << run.reason;
    EXPECT_TRUE(has(server->log_text(), "no proposal found")) << server->log_text();
}

TEST_F(ClientVsStrongswan, WrongPskFailsAtTheFirstAuthenticatedMessage) {
    const lab::Topology topology = lab::direct();
    const Scratch scratch;
    auto server = start(topology, scratch.path() / "server");

    const ProbeRun run = probe(topology, scratch.path(), "wm2003", "not-the-right-key");
    EXPECT_EQ(run.result, "failed") << run.command.out;
    EXPECT_NE(run.command.exit_code, 0);
    EXPECT_FALSE(has(run.command.out, "\"established\"")) << run.command.out;
    // charon cannot decrypt message 5 with keys from another PSK and says so.
    const std::string log = server->log_text();
    EXPECT_TRUE(has(log, "invalid HASH_V1") || has(log, "pre-shared key mismatch") ||
                has(log, "could not decrypt"))
        << log;
}

TEST_F(ClientVsStrongswan, NatTraversalThroughTheMasqueradingRouter) {
    const lab::Topology topology = lab::natted();
    const Scratch scratch;
    auto server = start(topology, scratch.path() / "server");

    const ProbeRun run = probe(topology, scratch.path(), "android", preset_.psk);
    EXPECT_EQ(run.result, "established") << run.reason << "\n" << run.command.out;
    EXPECT_TRUE(has(run.command.out, "nat_detected")) << run.command.out;
    const std::string log = server->log_text();
    EXPECT_TRUE(has(log, "192.0.2.254[4500]")) << "charon never saw the client float to 4500\n"
                                               << log;
}

TEST_F(ClientVsStrongswan, RsaMainModeWithShortCaName) {
    const ProbeRun run = expect_certificate_main_mode({});
    EXPECT_GT(message_5_size(run.command.out), 1000U) << run.command.out;
    EXPECT_LT(message_5_size(run.command.out), 1500U) << "fits one packet";
}

// The Pocket PC finding: a long CA name and 4096-bit keys make message 5 too big for one
// packet, so it leaves as IP fragments.
TEST_F(ClientVsStrongswan, RsaMainModeWithLongCaNameAnd4096BitKeys) {
    crypto::PkiOptions options;
    options.ca_name = crypto::long_ca_name();
    options.key_bits = 4096;
    const ProbeRun run = expect_certificate_main_mode(options);
    EXPECT_GT(message_5_size(run.command.out), 1500U) << run.command.out;
}

TEST_F(ClientVsStrongswan, AggressiveModeWithPsk) {
    aggressive_ = true;
    const lab::Topology topology = lab::direct();
    const Scratch scratch;
    auto server = start(topology, scratch.path() / "server");

    const ProbeRun run = probe(topology, scratch.path(), "wm2003", preset_.psk);
    EXPECT_EQ(run.result, "established") << run.reason << "\n" << run.command.out;
    EXPECT_TRUE(has(run.command.out, "message 3: HASH encrypted")) << run.command.out;
    EXPECT_FALSE(has(run.command.out, preset_.psk)) << "the PSK leaked into the client's events";

    const std::string log = server->log_text();
    EXPECT_TRUE(has(log, "AGGRESSIVE")) << log;
    EXPECT_TRUE(has(log, "established between 192.0.2.1[")) << log;
    EXPECT_TRUE(child_sa_logged(*server)) << server->log_text();
}

} // namespace
} // namespace harness::servers

// Without root nothing here can run: say why and let ctest count the test as skipped.
int main(int argc, char** argv) {
    if (::geteuid() != 0) {
        std::cout << "SKIPPED: needs root to create network namespaces\n";
        return 77;
    }
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
