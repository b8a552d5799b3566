// What this host can do (root, namespaces, kernel ESP/L2TP/PPP, KVM, qemu, libvirt) and which
// tiers follow from it: pure parsing and deciding over gathered facts, plus one gathering step.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "lab/process.hpp"

namespace harness::lab {

/// Whether the host has something: unknown when it could not be told (often: needs root).
enum class Capability { yes, no, unknown };

/// "yes", "no" or "unknown".
std::string_view to_string(Capability capability);

/// One line of `harness doctor`: what was checked, the answer, and the evidence.
struct Check {
    std::string name;
    Capability status = Capability::unknown;
    std::string detail;
};

/// The host's checks and the tiers they allow.
struct HostReport {
    std::vector<Check> checks;
    bool netns_full_stack = false;    ///< namespaces with kernel ESP, L2TP and PPP
    bool netns_control_plane = false; ///< namespaces at all (IKE and L2TP control only)
    bool vm_qemu = false;
    std::string vm_accel = "tcg"; ///< "kvm" or "tcg"
    bool vm_libvirt = false;
};

/// Raw observations of a host. Errno fields hold 0 for success; nullopt means "not tried".
struct Facts {
    std::string proc_self_status;                ///< /proc/self/status
    std::string kernel_config;                   ///< the kernel's config text; empty if unreadable
    std::string kernel_config_source;            ///< where kernel_config came from
    std::string proc_crypto;                     ///< /proc/crypto
    std::optional<std::string> proc_modules;     ///< /proc/modules; nullopt when absent
    std::optional<std::string> modules_disabled; ///< /proc/sys/kernel/modules_disabled
    std::set<std::string> sys_modules;      ///< names present under /sys/module (of those asked)
    std::optional<int> netns_errno;         ///< unshare(CLONE_NEWNET) in a child
    int xfrm_socket_errno = 0;              ///< socket(AF_NETLINK, ..., NETLINK_XFRM)
    std::optional<CommandResult> esp_probe; ///< `ip xfrm state add` of an ESP SA in a netns
    int l2tp_socket_errno = 0;              ///< socket(AF_PPPOX, SOCK_DGRAM, PX_PROTO_OL2TP)
    int ppp_open_errno = 0;                 ///< open("/dev/ppp", O_RDWR)
    int kvm_open_errno = 0;                 ///< open("/dev/kvm", O_RDWR)
    std::map<std::string, std::string> programs; ///< found programs: name -> path
    std::optional<CommandResult> nft_probe;      ///< `nft list ruleset` in a netns
    std::string qemu_version;                    ///< first line of `qemu-system-x86_64 --version`
    bool libvirt_socket = false;                 ///< /run/libvirt/libvirt-sock exists
};

/// How a kernel config file sets an option.
enum class KernelOption { builtin, module, not_set, absent };

/// The effective uid from /proc/self/status text ("Uid:\treal\teffective\t..."); nullopt if absent.
std::optional<unsigned> parse_effective_uid(std::string_view proc_status);

/// How `option` (e.g. "CONFIG_INET_ESP") is set in kernel config text.
KernelOption parse_kernel_option(std::string_view config, std::string_view option);

/// The config line for `option` as written ("CONFIG_X=m", "# CONFIG_X is not set"); empty if none.
std::string kernel_option_line(std::string_view config, std::string_view option);

/// True when /proc/crypto text lists an algorithm (or driver) of that name.
bool crypto_has(std::string_view proc_crypto, std::string_view algorithm);

/// True when /proc/modules text lists the module as loaded.
bool module_listed(std::string_view proc_modules, std::string_view module);

/// Reads an ESP probe: success means yes; "not implemented"-style kernel answers mean no.
Check classify_esp_probe(const CommandResult& probe);

/// Turns facts into checks and tier decisions; no I/O.
HostReport decide(const Facts& facts);

/// Observes the real host (probes that need root are skipped without it). Touches no files.
Facts gather_facts();

/// One line per tier: whether it is usable here and what it will skip.
std::string describe_tiers(const HostReport& report);

/// Why the netns tier skips the data-plane stages ("no kernel ESP, L2TP"); empty if it does not.
std::string netns_skip_reason(const HostReport& report);

/// The check of that name, or nullptr.
const Check* find_check(const HostReport& report, std::string_view name);

/// The report as JSON: checks and tiers.
nlohmann::json to_json(const HostReport& report);

} // namespace harness::lab
