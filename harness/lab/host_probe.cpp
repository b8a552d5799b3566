// Host capabilities: parsing of /proc and kernel config text, and the checks and tier decisions.
#include "lab/host_probe.hpp"

#include <cerrno>
#include <charconv>
#include <system_error>
#include <utility>

namespace harness::lab {

namespace {

std::string errno_text(int error) {
    return std::system_category().message(error);
}

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

// Calls visit(line) for each line of text until it returns true; returns whether one did.
template <typename Visit>
bool any_line(std::string_view text, Visit visit) {
    while (!text.empty()) {
        const auto end = text.find('\n');
        if (visit(text.substr(0, end))) {
            return true;
        }
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    }
    return false;
}

std::string first_line(std::string_view text) {
    const std::string_view trimmed = trim(text);
    return std::string(trim(trimmed.substr(0, trimmed.find('\n'))));
}

std::string program(const Facts& facts, const std::string& name) {
    const auto it = facts.programs.find(name);
    return it == facts.programs.end() ? std::string{} : it->second;
}

bool is_root(const Facts& facts) {
    return parse_effective_uid(facts.proc_self_status) == 0U;
}

bool has_module(const Facts& facts, const std::string& name) {
    return facts.sys_modules.count(name) != 0 ||
           (facts.proc_modules && module_listed(*facts.proc_modules, name));
}

// "; kernel config: CONFIG_X=y" when the config mentions the option, else nothing.
std::string config_note(const Facts& facts, std::string_view option) {
    const std::string line = kernel_option_line(facts.kernel_config, option);
    return line.empty() ? std::string{} : "; kernel config: " + line;
}

std::string module_note(const Facts& facts, const std::string& name) {
    return "; /sys/module/" + name + (has_module(facts, name) ? " present" : " absent");
}

Check check_root(const Facts& facts) {
    const auto uid = parse_effective_uid(facts.proc_self_status);
    if (!uid) {
        return {"root", Capability::unknown, "no Uid line in /proc/self/status"};
    }
    if (*uid == 0) {
        return {"root", Capability::yes, "effective uid 0"};
    }
    return {"root", Capability::no,
            "effective uid " + std::to_string(*uid) + ": the netns and vm tiers need root"};
}

Check check_netns(const Facts& facts) {
    if (!facts.netns_errno) {
        return {"netns", Capability::unknown, "unknown (needs root)"};
    }
    if (*facts.netns_errno == 0) {
        return {"netns", Capability::yes, "a child created a network namespace"};
    }
    return {"netns", Capability::no, "unshare(CLONE_NEWNET): " + errno_text(*facts.netns_errno)};
}

Check check_xfrm(const Facts& facts) {
    if (facts.xfrm_socket_errno == 0) {
        return {"xfrm", Capability::yes, "a NETLINK_XFRM socket opens"};
    }
    return {"xfrm", Capability::no, "NETLINK_XFRM socket: " + errno_text(facts.xfrm_socket_errno)};
}

Check check_esp(const Facts& facts) {
    Check check{"esp", Capability::unknown, "unknown (needs root)"};
    if (facts.esp_probe) {
        check = classify_esp_probe(*facts.esp_probe);
    } else if (parse_kernel_option(facts.kernel_config, "CONFIG_INET_ESP") ==
               KernelOption::not_set) {
        check = {"esp", Capability::no, "the kernel is built without ESP"};
    }
    check.detail += module_note(facts, "esp4") + config_note(facts, "CONFIG_INET_ESP");
    return check;
}

Check check_l2tp(const Facts& facts) {
    const int error = facts.l2tp_socket_errno;
    Check check{"l2tp", Capability::unknown, "L2TP PPPoX socket: " + errno_text(error)};
    if (error == 0) {
        check = {"l2tp", Capability::yes, "an L2TP PPPoX socket opens"};
    } else if (error == EAFNOSUPPORT || error == EPROTONOSUPPORT) {
        check.status = Capability::no;
    }
    check.detail += module_note(facts, "l2tp_ppp") + config_note(facts, "CONFIG_L2TP");
    return check;
}

Check check_ppp(const Facts& facts) {
    const int error = facts.ppp_open_errno;
    if (error == 0) {
        return {"ppp", Capability::yes, "/dev/ppp opens"};
    }
    const std::string detail = "/dev/ppp: " + errno_text(error) + config_note(facts, "CONFIG_PPP");
    if (error == ENOENT || error == ENODEV || error == ENXIO) {
        return {"ppp", Capability::no, detail};
    }
    return {"ppp", Capability::unknown, detail};
}

Check check_des3(const Facts& facts) {
    if (crypto_has(facts.proc_crypto, "des3_ede")) {
        return {"des3", Capability::yes, "des3_ede in /proc/crypto"};
    }
    const std::string detail =
        "no des3_ede in /proc/crypto" + config_note(facts, "CONFIG_CRYPTO_DES");
    if (parse_kernel_option(facts.kernel_config, "CONFIG_CRYPTO_DES") == KernelOption::module) {
        return {"des3", Capability::unknown, detail + " (a module that may load on demand)"};
    }
    return {"des3", Capability::no, detail};
}

Check check_nft(const Facts& facts) {
    const std::string nft = program(facts, "nft");
    if (nft.empty()) {
        return {"nftables", Capability::no, "nft not found"};
    }
    if (!facts.nft_probe) {
        return {"nftables", Capability::unknown, "nft at " + nft + " (using it needs root)"};
    }
    if (facts.nft_probe->ok()) {
        return {"nftables", Capability::yes, "nft at " + nft + " lists rules in a namespace"};
    }
    const CommandResult& probe = *facts.nft_probe;
    return {"nftables", Capability::no,
            "nft at " + nft + " failed: " + first_line(probe.error + probe.err + probe.out)};
}

Check check_modules(const Facts& facts) {
    if (facts.modules_disabled && trim(*facts.modules_disabled) == "1") {
        return {"modules", Capability::no, "module loading is disabled (modules_disabled=1)"};
    }
    if (!facts.proc_modules) {
        return {"modules", Capability::no, "the kernel has no module support (no /proc/modules)"};
    }
    const std::string modprobe = program(facts, "modprobe");
    if (modprobe.empty()) {
        return {"modules", Capability::no, "modprobe not found"};
    }
    return {"modules", Capability::yes, "modules load; modprobe at " + modprobe};
}

bool kvm_is_pvm(const Facts& facts) {
    return has_module(facts, "kvm_pvm");
}

Check check_kvm(const Facts& facts) {
    if (facts.kvm_open_errno == ENOENT) {
        return {"kvm", Capability::no, "no /dev/kvm"};
    }
    if (kvm_is_pvm(facts)) {
        return {"kvm", Capability::no,
                "KVM is PVM here: stock Debian guest kernels hang under it; VMs use TCG"};
    }
    if (facts.kvm_open_errno != 0) {
        return {"kvm", Capability::no, "/dev/kvm: " + errno_text(facts.kvm_open_errno)};
    }
    return {"kvm", Capability::yes,
            "KVM present (a guest boot probe confirms it when images exist)"};
}

Check check_qemu(const Facts& facts) {
    const std::string qemu = program(facts, "qemu-system-x86_64");
    if (qemu.empty()) {
        return {"qemu", Capability::no, "qemu-system-x86_64 not found"};
    }
    const std::string version = facts.qemu_version.empty() ? "version unknown" : facts.qemu_version;
    return {"qemu", Capability::yes, qemu + ": " + version};
}

Check check_libvirt(const Facts& facts) {
    const std::string virsh = program(facts, "virsh");
    const std::string libvirtd = program(facts, "libvirtd");
    if (virsh.empty() && libvirtd.empty()) {
        return {"libvirt", Capability::no, "neither virsh nor libvirtd found"};
    }
    std::string detail = virsh.empty() ? "no virsh" : "virsh at " + virsh;
    detail += libvirtd.empty() ? ", no libvirtd" : ", libvirtd at " + libvirtd;
    detail += facts.libvirt_socket ? "; /run/libvirt/libvirt-sock present"
                                   : "; no /run/libvirt/libvirt-sock (libvirtd not running)";
    return {"libvirt", Capability::yes, detail};
}

// Daemons the netns tier would start: informational only.
Check check_daemon(const Facts& facts, const std::string& name) {
    const std::string path = program(facts, name);
    if (path.empty()) {
        return {name, Capability::no, "not found"};
    }
    return {name, Capability::yes, "at " + path};
}

bool is_yes(const HostReport& report, std::string_view name) {
    const Check* check = find_check(report, name);
    return check != nullptr && check->status == Capability::yes;
}

} // namespace

std::string_view to_string(Capability capability) {
    switch (capability) {
    case Capability::yes:
        return "yes";
    case Capability::no:
        return "no";
    case Capability::unknown:
        break;
    }
    return "unknown";
}

std::optional<unsigned> parse_effective_uid(std::string_view proc_status) {
    std::optional<unsigned> uid;
    any_line(proc_status, [&uid](std::string_view line) {
        if (line.substr(0, 4) != "Uid:") {
            return false;
        }
        // Fields: real, effective, saved, filesystem.
        std::string_view rest = trim(line.substr(4));
        rest = trim(rest.substr(std::min(rest.find_first_of(" \t"), rest.size())));
        unsigned value = 0;
        const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), value);
        if (ec == std::errc{} && end != rest.data()) {
            uid = value;
        }
        return true;
    });
    return uid;
}

std::string kernel_option_line(std::string_view config, std::string_view option) {
    const std::string set_prefix = std::string(option) + "=";
    const std::string unset_line = "# " + std::string(option) + " is not set";
    std::string found;
    any_line(config, [&](std::string_view line) {
        line = trim(line);
        if (line.substr(0, set_prefix.size()) == set_prefix || line == unset_line) {
            found = std::string(line);
            return true;
        }
        return false;
    });
    return found;
}

KernelOption parse_kernel_option(std::string_view config, std::string_view option) {
    const std::string line = kernel_option_line(config, option);
    if (line.empty()) {
        return KernelOption::absent;
    }
    if (line.front() == '#') {
        return KernelOption::not_set;
    }
    const std::string_view value = std::string_view(line).substr(option.size() + 1);
    if (value == "y") {
        return KernelOption::builtin;
    }
    return value == "m" ? KernelOption::module : KernelOption::not_set;
}

bool crypto_has(std::string_view proc_crypto, std::string_view algorithm) {
    return any_line(proc_crypto, [algorithm](std::string_view line) {
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) {
            return false;
        }
        const std::string_view key = trim(line.substr(0, colon));
        return (key == "name" || key == "driver") && trim(line.substr(colon + 1)) == algorithm;
    });
}

bool module_listed(std::string_view proc_modules, std::string_view module) {
    return any_line(proc_modules, [module](std::string_view line) {
        return line.substr(0, line.find(' ')) == module;
    });
}

Check classify_esp_probe(const CommandResult& probe) {
    if (!probe.error.empty()) {
        return {"esp", Capability::unknown, "the ESP probe could not run: " + probe.error};
    }
    if (probe.timed_out) {
        return {"esp", Capability::unknown, "the ESP probe timed out"};
    }
    if (probe.exit_code == 0) {
        return {"esp", Capability::yes, "an ESP transport SA installs in a throwaway namespace"};
    }
    const std::string said = first_line(probe.err + probe.out);
    for (const char* refusal :
         {"Function not implemented", "Protocol not supported", "Requested type not found"}) {
        if (said.find(refusal) != std::string::npos) {
            return {"esp", Capability::no, "the kernel refuses an ESP SA: " + said};
        }
    }
    return {"esp", Capability::unknown, "the ESP probe failed: " + said};
}

HostReport decide(const Facts& facts) {
    HostReport report;
    report.checks = {check_root(facts), check_netns(facts), check_xfrm(facts),
                     check_esp(facts),  check_l2tp(facts),  check_ppp(facts),
                     check_des3(facts), check_nft(facts),   check_modules(facts),
                     check_kvm(facts),  check_qemu(facts),  check_libvirt(facts)};
    for (const char* daemon : {"charon", "swanctl", "pluto", "xl2tpd", "pppd"}) {
        report.checks.push_back(check_daemon(facts, daemon));
    }

    report.netns_control_plane = is_root(facts) && is_yes(report, "netns");
    report.netns_full_stack = report.netns_control_plane && is_yes(report, "esp") &&
                              is_yes(report, "l2tp") && is_yes(report, "ppp");
    report.vm_qemu = is_yes(report, "qemu");
    report.vm_accel = is_yes(report, "kvm") ? "kvm" : "tcg";
    report.vm_libvirt = is_yes(report, "libvirt");
    return report;
}

const Check* find_check(const HostReport& report, std::string_view name) {
    for (const Check& check : report.checks) {
        if (check.name == name) {
            return &check;
        }
    }
    return nullptr;
}

std::string netns_skip_reason(const HostReport& report) {
    std::string missing;
    using Item = std::pair<std::string_view, std::string_view>;
    for (const auto& [name, label] :
         {Item{"esp", "ESP"}, Item{"l2tp", "L2TP"}, Item{"ppp", "PPP"}}) {
        if (!is_yes(report, name)) {
            missing += (missing.empty() ? "" : ", ") + std::string(label);
        }
    }
    return missing.empty() ? std::string{} : "no kernel " + missing;
}

std::string describe_tiers(const HostReport& report) {
    std::string text;
    if (report.netns_full_stack) {
        text += "netns: full stack (kernel ESP, L2TP and PPP present)\n";
    } else if (report.netns_control_plane) {
        text += "netns: control plane only (" + netns_skip_reason(report) +
                "): stages after ipsec_sa are SKIPPED\n";
    } else {
        text += "netns: unavailable (needs root and network namespaces)\n";
    }
    text += report.vm_qemu ? "vm (qemu): available, accel " + report.vm_accel + "\n"
                           : "vm (qemu): unavailable (qemu-system-x86_64 not found)\n";
    text += report.vm_libvirt ? "vm (libvirt): available\n"
                              : "vm (libvirt): unavailable (neither virsh nor libvirtd found)\n";
    return text;
}

nlohmann::json to_json(const HostReport& report) {
    nlohmann::json checks = nlohmann::json::array();
    for (const Check& check : report.checks) {
        checks.push_back(
            {{"name", check.name}, {"status", to_string(check.status)}, {"detail", check.detail}});
    }
    return {{"checks", checks},
            {"tiers",
             {{"netns",
               {{"full_stack", report.netns_full_stack},
                {"control_plane", report.netns_control_plane}}},
              {"vm",
               {{"qemu", report.vm_qemu},
                {"accel", report.vm_accel},
                {"libvirt", report.vm_libvirt}}}}}};
}

} // namespace harness::lab
