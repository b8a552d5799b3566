// Wireshark's ISAKMP dissector, written independently of this codec, judges what it encodes.
#include <array>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "ike/message.hpp"
#include "pcap_writer.hpp"
#include "sample_messages.hpp"

namespace harness::ike {
namespace {

bool have_tshark() {
    return std::system("command -v tshark >/dev/null 2>&1") == 0;
}

// Runs `command` and returns what it printed on stdout and stderr.
std::string run(const std::string& command) {
    std::string output;
    struct Closer {
        void operator()(FILE* file) const { pclose(file); }
    };
    const std::unique_ptr<FILE, Closer> pipe(popen((command + " 2>&1").c_str(), "r"));
    if (!pipe) {
        return output;
    }
    std::array<char, 4096> buffer{};
    std::size_t count = 0;
    while ((count = std::fread(buffer.data(), 1, buffer.size(), pipe.get())) > 0) {
        output.append(buffer.data(), count);
    }
    return output;
}

// Dissects one message verbosely, with IPv4 checksum checking on.
std::string dissect(const Message& message, const std::string& name) {
    testing::PcapWriter pcap;
    pcap.add_udp(encode_message(message));
    const std::string path = ::testing::TempDir() + "ike_" + name + ".pcap";
    EXPECT_TRUE(pcap.save(path)) << path;
    std::string output = run("tshark -n -r " + path + " -V -o ip.check_checksum:TRUE");
    std::remove(path.c_str());
    return output;
}

void expect_clean(const std::string& output) {
    EXPECT_NE(output.find("Internet Security Association and Key Management Protocol"),
              std::string::npos)
        << output;
    EXPECT_NE(output.find("[Header checksum status: Good]"), std::string::npos) << output;
    EXPECT_EQ(output.find("Malformed"), std::string::npos) << output;
    EXPECT_EQ(output.find("[Expert Info (Error"), std::string::npos) << output;
}

void expect_names(const std::string& output, std::initializer_list<std::string_view> names) {
    for (std::string_view name : names) {
        EXPECT_NE(output.find(name), std::string::npos) << "missing " << name << "\n" << output;
    }
}

class Tshark : public ::testing::Test {
protected:
    void SetUp() override {
        if (!have_tshark()) {
            FAIL() << "tshark is not installed: run scripts/install-deps.sh";
        }
    }
};

TEST_F(Tshark, MainModeFirstMessage) {
    const std::string output = dissect(samples::main_mode_1(), "mm1");
    expect_clean(output);
    expect_names(output, {"Security Association", "Proposal", "Transform", "Vendor ID",
                          "Encryption-Algorithm", "Life-Duration", "RFC 3947"});
}

TEST_F(Tshark, MainModeThirdMessageWithRfcNatD) {
    const std::string output = dissect(samples::main_mode_3(), "mm3");
    expect_clean(output);
    expect_names(output, {"Key Exchange", "Nonce", "NAT-D (RFC 3947)"});
}

TEST_F(Tshark, DraftNatDPayload130) {
    const std::string output = dissect(samples::main_mode_3_draft(), "mm3_draft");
    expect_clean(output);
    expect_names(output, {"Key Exchange", "Nonce", "NAT-D (draft"});
}

TEST_F(Tshark, InformationalWithNotificationAndDelete) {
    const std::string output = dissect(samples::informational(), "info");
    expect_clean(output);
    expect_names(output, {"Informational", "Notification", "INITIAL-CONTACT", "Delete"});
}

TEST_F(Tshark, MicrosoftFragment) {
    const std::string output = dissect(samples::fragment(), "fragment");
    expect_clean(output);
    expect_names(output, {"Fragmentation (132)", "Frag seq: 2", "Last fragment"});
}

} // namespace
} // namespace harness::ike
