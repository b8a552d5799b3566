// charon in network namespaces, judged from outside by ike-scan: handshake, refusal, NAT, and
// that nothing is left behind. Needs root; skipped with the reason otherwise.
#include <csignal>
#include <filesystem>
#include <iostream>
#include <memory>

#include <gtest/gtest.h>
#include <unistd.h>

#include "lab/netns.hpp"
#include "servers/strongswan_driver.hpp"

namespace harness::servers {
namespace {

using namespace std::chrono_literals;

// A folder removed with everything in it when the test is done.
class TempDir {
public:
    TempDir() : path_(std::filesystem::temp_directory_path() / lab::unique_name("hxw")) {
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

std::string our_prefix() {
    return "hx" + std::to_string(::getpid()) + "n";
}

class StrongswanNetns : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        if (::geteuid() == 0) {
            shim_wanted = needs_xfrm_shim(lab::decide(lab::gather_facts()));
        }
    }

    void SetUp() override {
        if (::geteuid() != 0) {
            GTEST_SKIP() << "needs root to create network namespaces";
        }
        for (const char* program : {"ike-scan", "swanctl", "nft", "/usr/lib/ipsec/charon"}) {
            if (!lab::find_program(program)) {
                GTEST_SKIP() << program << " is not installed";
            }
        }
        lab::sweep_leftovers("hx");
    }

    void TearDown() override {
        EXPECT_TRUE(lab::list_namespaces(our_prefix()).empty()) << "a namespace was left behind";
    }

    static std::unique_ptr<StrongswanServer> start(const lab::Topology& topology,
                                                   const std::filesystem::path& workdir) {
        StrongswanOptions options;
        options.exec_prefix = topology.server.exec_prefix();
        options.workdir = workdir;
        options.local_address = topology.server_address;
        if (shim_wanted) {
            options.xfrm_shim = HARNESS_XFRM_SHIM;
        }
        const auto preset = load_preset(std::filesystem::path(HARNESS_SOURCE_DIR) /
                                        "scenarios/presets/seed-psk.json");
        return std::make_unique<StrongswanServer>(preset, std::move(options));
    }

    // ike-scan from the client namespace with one transform (enc, hash, auth, group).
    static lab::CommandResult scan(const lab::Topology& topology, const std::string& transform) {
        return topology.client.exec({"ike-scan", "--sport=0", "-M", "--retry=2",
                                     "--trans=" + transform, topology.server_address},
                                    5s);
    }

    static bool log_has(StrongswanServer& server, const std::string& text) {
        return server.log_text().find(text) != std::string::npos;
    }

    static inline bool shim_wanted = false;
};

TEST_F(StrongswanNetns, MainModeHandshakeWith3desSha1Modp1024) {
    const lab::Topology topology = lab::direct();
    const TempDir work;
    auto server = start(topology, work.path());

    const lab::CommandResult result = scan(topology, "5,2,1,2");
    ASSERT_TRUE(result.ok()) << result.error << result.err;
    EXPECT_NE(result.out.find("Main Mode Handshake returned"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("Enc=3DES Hash=SHA1 Group=2:modp1024 Auth=PSK"), std::string::npos);
    EXPECT_TRUE(log_has(*server, "received proposals: IKE:3DES_CBC/HMAC_SHA1_96/PRF_HMAC_SHA1/"
                                 "MODP_1024"))
        << server->log_text();
    EXPECT_TRUE(log_has(*server, "received packet: from 192.0.2.2["));
}

TEST_F(StrongswanNetns, RefusesDesMd5Modp768WithNoProposalChosen) {
    const lab::Topology topology = lab::direct();
    const TempDir work;
    auto server = start(topology, work.path());

    const lab::CommandResult result = scan(topology, "1,1,1,1");
    ASSERT_TRUE(result.ok()) << result.error << result.err;
    EXPECT_NE(result.out.find("NO-PROPOSAL-CHOSEN"), std::string::npos) << result.out;
    EXPECT_EQ(result.out.find("Main Mode Handshake returned"), std::string::npos);
    EXPECT_TRUE(log_has(*server, "received proposals: IKE:DES_CBC/HMAC_MD5_96"));
    EXPECT_TRUE(log_has(*server, "no acceptable ENCRYPTION_ALGORITHM found"));
    EXPECT_TRUE(log_has(*server, "no proposal found")) << server->log_text();
}

TEST_F(StrongswanNetns, MainModeHandshakeThroughTheNatRouter) {
    const lab::Topology topology = lab::natted();
    const TempDir work;
    auto server = start(topology, work.path());

    const lab::CommandResult result = scan(topology, "5,2,1,2");
    ASSERT_TRUE(result.ok()) << result.error << result.err;
    EXPECT_NE(result.out.find("Main Mode Handshake returned"), std::string::npos) << result.out;
    // The server sees the router's address, never the client's own.
    EXPECT_TRUE(log_has(*server, "received packet: from 192.0.2.254[")) << server->log_text();
    EXPECT_FALSE(log_has(*server, "198.51.100.2"));
}

TEST_F(StrongswanNetns, LeavesNoNamespaceDaemonOrTableBehind) {
    std::vector<std::string> names;
    pid_t charon = 0;
    {
        lab::Topology topology = lab::natted();
        const TempDir work;
        auto server = start(topology, work.path());
        names = {topology.client.name(), topology.server.name(), topology.router->name()};
        charon = server->pid();
        ASSERT_GT(charon, 0);
        const auto tables = topology.router->exec({"nft", "list", "tables"});
        EXPECT_NE(tables.out.find("harness_nat"), std::string::npos) << tables.out;
        EXPECT_EQ(server->stop(), 0) << "charon did not exit cleanly on SIGTERM";
        EXPECT_FALSE(server->running());
        EXPECT_EQ(server->pid(), 0);
    }
    EXPECT_FALSE(std::filesystem::exists("/proc/" + std::to_string(charon) + "/status"));
    const auto left = lab::list_namespaces("hx");
    for (const std::string& name : names) {
        EXPECT_EQ(std::count(left.begin(), left.end(), name), 0) << name << " is still there";
    }
    // The router (and so its table) is gone: nft cannot even enter it.
    const auto tables =
        lab::run_command({"ip", "netns", "exec", names[2], "nft", "list", "tables"}, 5s);
    EXPECT_FALSE(tables.ok());
}

TEST_F(StrongswanNetns, TwoServersRunAtOnce) {
    const lab::Topology first = lab::direct();
    const lab::Topology second = lab::direct();
    const TempDir work_first;
    const TempDir work_second;
    auto server_first = start(first, work_first.path());
    auto server_second = start(second, work_second.path());
    EXPECT_NE(server_first->pid(), server_second->pid());

    for (const lab::Topology* topology : {&first, &second}) {
        const lab::CommandResult result = scan(*topology, "5,2,1,2");
        EXPECT_NE(result.out.find("Main Mode Handshake returned"), std::string::npos)
            << topology->server.name() << ": " << result.out;
    }
    EXPECT_TRUE(server_first->running());
    EXPECT_TRUE(server_second->running());
    EXPECT_TRUE(log_has(*server_first, "received proposals"));
    EXPECT_TRUE(log_has(*server_second, "received proposals"));
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
