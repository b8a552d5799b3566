// pluto (Libreswan, unpacked into a private prefix) in network namespaces, judged by ike-scan and
// by our IKEv1 client: handshake, refusal of MODP1024, Main and Quick Mode, nothing left behind.
// Needs root and scripts/fetch-libreswan.sh; skipped with the reason otherwise.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "lab/netns.hpp"
#include "servers/libreswan_driver.hpp"

namespace harness::servers {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

fs::path source_dir() {
    return HARNESS_SOURCE_DIR;
}

fs::path test_preset() {
    return fs::path(HARNESS_TEST_DATA_DIR) / "servers/libreswan-test.json";
}

// A scratch folder, removed with its content.
class Scratch {
public:
    Scratch() : path_(fs::temp_directory_path() / lab::unique_name("hxl")) {
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

bool has(const std::string& text, const std::string& needle) {
    return text.find(needle) != std::string::npos;
}

// pluto handles the last message of an exchange after the client has moved on: poll its log.
bool log_shows(const LibreswanServer& server, const std::string& needle) {
    const auto until = std::chrono::steady_clock::now() + 3s;
    while (!has(server.log_text(), needle)) {
        if (std::chrono::steady_clock::now() > until) {
            return false;
        }
        std::this_thread::sleep_for(20ms);
    }
    return true;
}

class LibreswanNetns : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        prefix = find_libreswan_prefix();
        shim_wanted = needs_xfrm_shim(lab::decide(lab::gather_facts()));
    }

    void SetUp() override {
        if (!prefix) {
            GTEST_SKIP() << "no unpacked Libreswan (run scripts/fetch-libreswan.sh)";
        }
        for (const char* program : {"ike-scan", "certutil", "nft"}) {
            if (!lab::find_program(program)) {
                GTEST_SKIP() << program << " is not installed";
            }
        }
        lab::sweep_leftovers("hx");
    }

    void TearDown() override {
        const std::string ours = "hx" + std::to_string(::getpid()) + "n";
        EXPECT_TRUE(lab::list_namespaces(ours).empty()) << "a namespace was left behind";
    }

    static LibreswanOptions options_for(const lab::Topology& topology, const fs::path& workdir) {
        LibreswanOptions options;
        options.exec_prefix = topology.server.exec_prefix();
        options.workdir = workdir;
        options.local_address = topology.server_address;
        options.prefix = *prefix;
        if (shim_wanted) {
            options.xfrm_shim = HARNESS_XFRM_SHIM;
        }
        return options;
    }

    static std::unique_ptr<LibreswanServer> start(const lab::Topology& topology,
                                                  const fs::path& workdir) {
        fs::create_directories(workdir);
        return std::make_unique<LibreswanServer>(load_preset(test_preset()),
                                                 options_for(topology, workdir));
    }

    // ike-scan from the client namespace with one transform (enc[/bits], hash, auth, group).
    static lab::CommandResult scan(const lab::Topology& topology, const std::string& transform) {
        return topology.client.exec({"ike-scan", "--sport=0", "-M", "--retry=2",
                                     "--trans=" + transform, topology.server_address},
                                    5s);
    }

    // Runs our client from the client namespace; the PSK goes through a file, never argv.
    static ProbeRun probe(const lab::Topology& topology, const fs::path& scratch,
                          const std::string& profile, const std::string& psk) {
        const fs::path psk_file = scratch / "psk";
        std::ofstream(psk_file) << psk;
        std::vector<std::string> argv = topology.client.exec_prefix();
        for (const std::string& arg :
             {std::string(HARNESS_IKE_PROBE), std::string("--server"), topology.server_address,
              std::string("--psk-file"), psk_file.string(), std::string("--profile"),
              (source_dir() / "scenarios/profiles" / (profile + ".json")).string(),
              std::string("--quick-mode"), std::string("--timeout"), std::string("4")}) {
            argv.push_back(arg);
        }
        ProbeRun run{lab::run_command(argv, 20s), {}, {}};
        std::istringstream lines(run.command.out);
        for (std::string line; std::getline(lines, line);) {
            if (has(line, "\"result\"")) {
                const auto json = nlohmann::json::parse(line, nullptr, false);
                run.result = json.is_object() ? json.value("result", "") : "";
                run.reason = json.is_object() ? json.value("reason", "") : "";
            }
        }
        return run;
    }

    static inline std::optional<fs::path> prefix;
    static inline bool shim_wanted = false;
};

TEST_F(LibreswanNetns, MainModeHandshakeWithAes128Sha1Modp2048) {
    const lab::Topology topology = lab::direct();
    const Scratch work;
    auto server = start(topology, work.path());
    EXPECT_TRUE(server->version().at_least(4, 0));

    const lab::CommandResult result = scan(topology, "7/128,2,1,14");
    ASSERT_TRUE(result.ok()) << result.error << result.err;
    EXPECT_TRUE(has(result.out, "Main Mode Handshake returned")) << result.out;
    EXPECT_TRUE(has(result.out, "Enc=AES Hash=SHA1 Auth=PSK Group=14:modp2048 KeyLength=128"))
        << result.out;
    // pluto writes "sent" after the datagram has left: ike-scan may be done before the log is.
    EXPECT_TRUE(log_shows(*server, "responding to Main Mode from unknown peer 192.0.2.2:"))
        << server->log_text();
    EXPECT_TRUE(log_shows(*server, "sent Main Mode R1")) << server->log_text();
}

// pluto is built without DH2: it answers with the notify rather than staying silent.
TEST_F(LibreswanNetns, Refuses3desSha1Modp1024WithNoProposalChosen) {
    const lab::Topology topology = lab::direct();
    const Scratch work;
    auto server = start(topology, work.path());
    ASSERT_EQ(server->notes().size(), 1U);
    EXPECT_TRUE(has(server->notes()[0], "3des-sha1-modp1024")) << server->notes()[0];

    const lab::CommandResult result = scan(topology, "5,2,1,2");
    ASSERT_TRUE(result.ok()) << result.error << result.err;
    EXPECT_TRUE(has(result.out, "NO-PROPOSAL-CHOSEN")) << result.out;
    EXPECT_FALSE(has(result.out, "Main Mode Handshake returned"));
    EXPECT_TRUE(log_shows(*server, "OAKLEY_GROUP 2 not supported")) << server->log_text();
    EXPECT_TRUE(log_shows(*server, "no acceptable Oakley Transform")) << server->log_text();
    EXPECT_TRUE(log_shows(*server, "sending notification NO_PROPOSAL_CHOSEN to 192.0.2.2:"))
        << server->log_text();
}

TEST_F(LibreswanNetns, ModernClientEstablishesMainAndQuickMode) {
    const lab::Topology topology = lab::direct();
    const Scratch scratch;
    const ServerPreset preset = load_preset(test_preset());
    auto server = start(topology, scratch.path() / "server");

    const ProbeRun run = probe(topology, scratch.path(), "modern", preset.psk);
    EXPECT_EQ(run.result, "established") << run.reason << "\n"
                                         << run.command.out << "\n"
                                         << server->log_text();
    EXPECT_EQ(run.command.exit_code, 0);
    EXPECT_TRUE(has(run.command.out, "\"chosen_proposal\"")) << run.command.out;
    EXPECT_FALSE(has(run.command.out, preset.psk)) << "the PSK leaked into the client's events";

    EXPECT_TRUE(log_shows(*server, "IKE SA established {auth=PRESHARED_KEY cipher=AES_CBC_256 "
                                   "integ=HMAC_SHA2_256 group=MODP2048}"))
        << server->log_text();
    EXPECT_TRUE(log_shows(*server, "IPsec SA established transport mode")) << server->log_text();
}

TEST_F(LibreswanNetns, WrongPskNeverEstablishes) {
    const lab::Topology topology = lab::direct();
    const Scratch scratch;
    auto server = start(topology, scratch.path() / "server");

    const ProbeRun run = probe(topology, scratch.path(), "modern", "not-the-right-key");
    EXPECT_EQ(run.result, "failed") << run.command.out;
    EXPECT_NE(run.command.exit_code, 0);
    // pluto decrypts message 5 with keys from its own PSK and finds garbage where the ID was.
    const std::string log = server->log_text();
    EXPECT_TRUE(has(log, "probable authentication failure (mismatch of preshared secrets?)"))
        << log;
    EXPECT_FALSE(has(log, "IKE SA established")) << log;
}

TEST_F(LibreswanNetns, OnlyModp1024PresetIsRefusedBeforePlutoStarts) {
    const lab::Topology topology = lab::direct();
    const Scratch work;
    const ServerPreset seed = load_preset(source_dir() / "scenarios/presets/seed-psk.json");
    EXPECT_THROW(LibreswanServer(seed, options_for(topology, work.path())), ServerError);
    EXPECT_FALSE(fs::exists(work.path() / "pluto.ctl"));
    EXPECT_FALSE(fs::exists(work.path() / "ipsec.conf"));
}

TEST_F(LibreswanNetns, LeavesNoNamespaceOrPlutoBehind) {
    std::vector<std::string> names;
    pid_t pluto = 0;
    {
        const lab::Topology topology = lab::direct();
        const Scratch work;
        auto server = start(topology, work.path());
        names = {topology.client.name(), topology.server.name()};
        pluto = server->pid();
        ASSERT_GT(pluto, 0);
        EXPECT_TRUE(server->running());
        EXPECT_EQ(server->stop(), 0) << "pluto did not exit cleanly on SIGTERM";
        EXPECT_FALSE(server->running());
    }
    EXPECT_FALSE(fs::exists("/proc/" + std::to_string(pluto) + "/status"));
    const auto left = lab::list_namespaces("hx");
    for (const std::string& name : names) {
        EXPECT_EQ(std::count(left.begin(), left.end(), name), 0) << name << " is still there";
    }
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
