// Host probing: the parsers over fixture text, decide() for known hosts, and one real gathering.
#include <cerrno>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <unistd.h>

#include "lab/host_probe.hpp"

namespace harness::lab {
namespace {

std::string fixture(const std::string& name) {
    std::ifstream in(std::string(HARNESS_TEST_DATA_DIR) + "/host/" + name);
    EXPECT_TRUE(in) << "missing fixture " << name;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

CommandResult exited(int code, std::string err = {}) {
    CommandResult result;
    result.exit_code = code;
    result.err = std::move(err);
    return result;
}

// This machine as measured: root, namespaces, XFRM API, but no ESP, L2TP, PPP, DES; PVM KVM.
Facts this_machine() {
    Facts facts;
    facts.proc_self_status = fixture("status_root.txt");
    facts.kernel_config = fixture("kernel_config_not_set.txt");
    facts.proc_crypto = fixture("crypto_without_des3.txt");
    facts.sys_modules = {"kvm", "kvm_pvm"};
    facts.netns_errno = 0;
    facts.esp_probe = exited(2, "Error: Requested type not found.\n");
    facts.l2tp_socket_errno = EAFNOSUPPORT;
    facts.ppp_open_errno = ENOENT;
    facts.programs = {{"nft", "/usr/sbin/nft"},
                      {"modprobe", "/usr/sbin/modprobe"},
                      {"qemu-system-x86_64", "/usr/bin/qemu-system-x86_64"},
                      {"swanctl", "/usr/sbin/swanctl"},
                      {"charon", "/usr/lib/ipsec/charon"},
                      {"xl2tpd", "/usr/sbin/xl2tpd"}};
    facts.nft_probe = exited(0);
    facts.qemu_version = "QEMU emulator version 7.2.15 (Debian 1:7.2+dfsg-7+deb12u13)";
    return facts;
}

// A stock Debian host with modules loaded and plain KVM.
Facts full_featured() {
    Facts facts = this_machine();
    facts.kernel_config = fixture("kernel_config_modules.txt");
    facts.proc_crypto = fixture("crypto_with_des3.txt");
    facts.proc_modules = fixture("proc_modules.txt");
    facts.modules_disabled = "0\n";
    facts.sys_modules = {"esp4", "l2tp_ppp", "kvm"};
    facts.esp_probe = exited(0);
    facts.l2tp_socket_errno = 0;
    facts.ppp_open_errno = 0;
    facts.programs["virsh"] = "/usr/bin/virsh";
    facts.programs["libvirtd"] = "/usr/sbin/libvirtd";
    facts.programs["pluto"] = "/usr/libexec/ipsec/pluto";
    facts.programs["pppd"] = "/usr/sbin/pppd";
    facts.libvirt_socket = true;
    return facts;
}

// The same stock host seen by an ordinary user: root-only probes are not run.
Facts non_root_user() {
    Facts facts = full_featured();
    facts.proc_self_status = fixture("status_user.txt");
    facts.netns_errno.reset();
    facts.esp_probe.reset();
    facts.nft_probe.reset();
    facts.ppp_open_errno = EACCES;
    facts.kvm_open_errno = EACCES;
    return facts;
}

Capability status_of(const HostReport& report, std::string_view name) {
    const Check* check = find_check(report, name);
    EXPECT_NE(check, nullptr) << "no check named " << name;
    return check != nullptr ? check->status : Capability::unknown;
}

std::string detail_of(const HostReport& report, std::string_view name) {
    const Check* check = find_check(report, name);
    return check != nullptr ? check->detail : std::string{};
}

TEST(ParseEffectiveUid, ReadsTheSecondUidField) {
    EXPECT_EQ(parse_effective_uid(fixture("status_root.txt")), 0U);
    EXPECT_EQ(parse_effective_uid(fixture("status_user.txt")), 1000U);
    EXPECT_EQ(parse_effective_uid(fixture("status_setuid.txt")), 0U);
    EXPECT_EQ(parse_effective_uid("Name:\tx\n"), std::nullopt);
    EXPECT_EQ(parse_effective_uid("Uid:\tgarbage\n"), std::nullopt);
}

TEST(ParseKernelOption, BuiltinModuleNotSetAndAbsent) {
    const std::string builtin = fixture("kernel_config_builtin.txt");
    const std::string modules = fixture("kernel_config_modules.txt");
    const std::string not_set = fixture("kernel_config_not_set.txt");
    EXPECT_EQ(parse_kernel_option(builtin, "CONFIG_INET_ESP"), KernelOption::builtin);
    EXPECT_EQ(parse_kernel_option(modules, "CONFIG_INET_ESP"), KernelOption::module);
    EXPECT_EQ(parse_kernel_option(not_set, "CONFIG_INET_ESP"), KernelOption::not_set);
    EXPECT_EQ(parse_kernel_option(builtin, "CONFIG_INET_ESP_OFFLOAD"), KernelOption::module);
    EXPECT_EQ(parse_kernel_option(modules, "CONFIG_KVM"), KernelOption::absent);
    EXPECT_EQ(parse_kernel_option("", "CONFIG_PPP"), KernelOption::absent);
}

TEST(ParseKernelOption, LineIsQuotedAsWritten) {
    EXPECT_EQ(kernel_option_line(fixture("kernel_config_not_set.txt"), "CONFIG_L2TP"),
              "# CONFIG_L2TP is not set");
    EXPECT_EQ(kernel_option_line(fixture("kernel_config_modules.txt"), "CONFIG_PPP"),
              "CONFIG_PPP=m");
    EXPECT_EQ(kernel_option_line(fixture("kernel_config_modules.txt"), "CONFIG_NOPE"), "");
}

TEST(CryptoHas, FindsDes3OnlyByExactName) {
    EXPECT_TRUE(crypto_has(fixture("crypto_with_des3.txt"), "des3_ede"));
    EXPECT_FALSE(crypto_has(fixture("crypto_without_des3.txt"), "des3_ede"));
    EXPECT_TRUE(crypto_has(fixture("crypto_without_des3.txt"), "cbc(aes)"));
    EXPECT_TRUE(crypto_has(fixture("crypto_without_des3.txt"), "cbc-aes-aesni"));
    EXPECT_FALSE(crypto_has("", "des3_ede"));
}

TEST(ModuleListed, MatchesWholeModuleNames) {
    const std::string modules = fixture("proc_modules.txt");
    EXPECT_TRUE(module_listed(modules, "l2tp_ppp"));
    EXPECT_TRUE(module_listed(modules, "kvm"));
    EXPECT_FALSE(module_listed(modules, "l2tp"));
    EXPECT_FALSE(module_listed(modules, "kvm_pvm"));
}

TEST(ClassifyEspProbe, SuccessMeansYes) {
    EXPECT_EQ(classify_esp_probe(exited(0)).status, Capability::yes);
}

TEST(ClassifyEspProbe, KernelRefusalsMeanNo) {
    for (const char* said :
         {"RTNETLINK answers: Function not implemented",
          "RTNETLINK answers: Protocol not supported", "Error: Requested type not found."}) {
        const Check check = classify_esp_probe(exited(2, std::string(said) + "\n"));
        EXPECT_EQ(check.status, Capability::no) << said;
        EXPECT_NE(check.detail.find(said), std::string::npos);
    }
}

TEST(ClassifyEspProbe, OtherFailuresAreUnknown) {
    EXPECT_EQ(classify_esp_probe(exited(2, "RTNETLINK answers: Operation not permitted\n")).status,
              Capability::unknown);
    CommandResult not_run;
    not_run.error = "program not found: unshare";
    EXPECT_EQ(classify_esp_probe(not_run).status, Capability::unknown);
    CommandResult slow = exited(137);
    slow.timed_out = true;
    EXPECT_EQ(classify_esp_probe(slow).status, Capability::unknown);
}

TEST(Decide, ThisMachineIsControlPlaneOnlyWithTcg) {
    const HostReport report = decide(this_machine());
    EXPECT_TRUE(report.netns_control_plane);
    EXPECT_FALSE(report.netns_full_stack);
    EXPECT_TRUE(report.vm_qemu);
    EXPECT_EQ(report.vm_accel, "tcg");
    EXPECT_FALSE(report.vm_libvirt);

    EXPECT_EQ(status_of(report, "root"), Capability::yes);
    EXPECT_EQ(status_of(report, "xfrm"), Capability::yes);
    EXPECT_EQ(status_of(report, "esp"), Capability::no);
    EXPECT_EQ(status_of(report, "l2tp"), Capability::no);
    EXPECT_EQ(status_of(report, "ppp"), Capability::no);
    EXPECT_EQ(status_of(report, "des3"), Capability::no);
    EXPECT_EQ(status_of(report, "modules"), Capability::no);
    EXPECT_EQ(status_of(report, "nftables"), Capability::yes);
    EXPECT_EQ(status_of(report, "kvm"), Capability::no);
    EXPECT_EQ(status_of(report, "pluto"), Capability::no);
    EXPECT_EQ(detail_of(report, "kvm"),
              "KVM is PVM here: stock Debian guest kernels hang under it; VMs use TCG");
    EXPECT_NE(detail_of(report, "esp").find("# CONFIG_INET_ESP is not set"), std::string::npos);
}

TEST(Decide, ThisMachineTierLines) {
    const HostReport report = decide(this_machine());
    EXPECT_EQ(netns_skip_reason(report), "no kernel ESP, L2TP, PPP");
    EXPECT_EQ(describe_tiers(report),
              "netns: control plane only (no kernel ESP, L2TP, PPP): stages after ipsec_sa are "
              "SKIPPED\n"
              "vm (qemu): available, accel tcg\n"
              "vm (libvirt): unavailable (neither virsh nor libvirtd found)\n");
}

TEST(Decide, FullFeaturedHostHasTheFullStackAndKvm) {
    const HostReport report = decide(full_featured());
    EXPECT_TRUE(report.netns_full_stack);
    EXPECT_TRUE(report.netns_control_plane);
    EXPECT_EQ(report.vm_accel, "kvm");
    EXPECT_TRUE(report.vm_libvirt);
    for (const Check& check : report.checks) {
        EXPECT_EQ(check.status, Capability::yes) << check.name << ": " << check.detail;
    }
    EXPECT_EQ(netns_skip_reason(report), "");
    EXPECT_EQ(describe_tiers(report).substr(0, 17), "netns: full stack");
    EXPECT_EQ(detail_of(report, "kvm"),
              "KVM present (a guest boot probe confirms it when images exist)");
}

TEST(Decide, NonRootUserGetsNoNetnsTierAndHonestUnknowns) {
    const HostReport report = decide(non_root_user());
    EXPECT_FALSE(report.netns_control_plane);
    EXPECT_FALSE(report.netns_full_stack);
    EXPECT_EQ(report.vm_accel, "tcg");
    EXPECT_EQ(status_of(report, "root"), Capability::no);
    EXPECT_EQ(status_of(report, "netns"), Capability::unknown);
    EXPECT_EQ(detail_of(report, "netns"), "unknown (needs root)");
    EXPECT_EQ(status_of(report, "esp"), Capability::unknown);
    EXPECT_EQ(status_of(report, "ppp"), Capability::unknown);
    EXPECT_EQ(status_of(report, "nftables"), Capability::unknown);
    EXPECT_EQ(status_of(report, "kvm"), Capability::no);
    EXPECT_EQ(describe_tiers(report).substr(0, 19), "netns: unavailable ");
}

TEST(Decide, NonRootOnAKernelWithoutEspStillSaysNo) {
    Facts facts = this_machine();
    facts.proc_self_status = fixture("status_user.txt");
    facts.netns_errno.reset();
    facts.esp_probe.reset();
    const HostReport report = decide(facts);
    EXPECT_EQ(status_of(report, "esp"), Capability::no);
    EXPECT_EQ(status_of(report, "root"), Capability::no);
}

TEST(Decide, DisabledModuleLoadingIsNo) {
    Facts facts = full_featured();
    facts.modules_disabled = "1\n";
    EXPECT_EQ(status_of(decide(facts), "modules"), Capability::no);
}

TEST(Decide, FindCheckReturnsNullForUnknownNames) {
    EXPECT_EQ(find_check(decide(this_machine()), "no-such-check"), nullptr);
}

TEST(ToJson, CarriesChecksAndTiers) {
    const HostReport report = decide(this_machine());
    const nlohmann::json json = to_json(report);
    ASSERT_TRUE(json.at("checks").is_array());
    EXPECT_EQ(json.at("checks").size(), report.checks.size());
    EXPECT_EQ(json.at("checks").at(0).at("name"), "root");
    EXPECT_EQ(json.at("checks").at(0).at("status"), "yes");
    EXPECT_EQ(json.at("tiers").at("netns").at("control_plane"), true);
    EXPECT_EQ(json.at("tiers").at("netns").at("full_stack"), false);
    EXPECT_EQ(json.at("tiers").at("vm").at("accel"), "tcg");
}

TEST(GatherFacts, MatchesWhoWeAre) {
    const Facts facts = gather_facts();
    const bool root = ::geteuid() == 0;
    EXPECT_EQ(parse_effective_uid(facts.proc_self_status), ::geteuid());
    EXPECT_EQ(facts.netns_errno.has_value(), root);
    EXPECT_EQ(facts.esp_probe.has_value(), root);
    const HostReport report = decide(facts);
    EXPECT_EQ(status_of(report, "root"), root ? Capability::yes : Capability::no);
    EXPECT_FALSE(describe_tiers(report).empty());
}

} // namespace
} // namespace harness::lab
