// Gathers the facts of the real host for decide(): files under /proc and /sys, a few sockets and
// device opens, and (as root only) probes inside throwaway network namespaces.
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <linux/netlink.h>
#include <sched.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lab/host_probe.hpp"

namespace harness::lab {

namespace {

using namespace std::chrono_literals;

// From <linux/if_pppox.h>, which does not build on its own in C++.
constexpr int af_pppox = 24;
constexpr int px_proto_ol2tp = 1;

std::optional<std::string> read_text(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) {
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// errno of socket(domain, type, protocol); 0 when it opened.
int socket_errno(int domain, int type, int protocol) {
    const int fd = ::socket(domain, type | SOCK_CLOEXEC, protocol);
    if (fd < 0) {
        return errno;
    }
    ::close(fd);
    return 0;
}

int open_errno(const char* path) {
    const int fd = ::open(path, O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        return errno;
    }
    ::close(fd);
    return 0;
}

// A child unshares its network namespace and exits; the namespace dies with it.
int netns_errno() {
    const pid_t pid = ::fork();
    if (pid < 0) {
        return errno;
    }
    if (pid == 0) {
        ::_exit(::unshare(CLONE_NEWNET) == 0 ? 0 : errno);
    }
    int status = 0;
    if (::waitpid(pid, &status, 0) < 0) {
        return errno;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : EINTR;
}

void read_kernel_config(Facts& facts) {
    std::error_code ec;
    if (std::filesystem::exists("/proc/config.gz", ec)) {
        const CommandResult zcat = run_command({"zcat", "/proc/config.gz"}, 5s);
        if (zcat.ok()) {
            facts.kernel_config = zcat.out;
            facts.kernel_config_source = "/proc/config.gz";
            return;
        }
    }
    utsname uts{};
    if (::uname(&uts) == 0) {
        const std::string path = std::string("/boot/config-") + uts.release;
        if (auto text = read_text(path)) {
            facts.kernel_config = std::move(*text);
            facts.kernel_config_source = path;
        }
    }
}

void find_programs(Facts& facts) {
    for (const char* name : {"nft", "modprobe", "qemu-system-x86_64", "virsh", "libvirtd",
                             "swanctl", "xl2tpd", "pppd"}) {
        if (auto path = find_program(name)) {
            facts.programs[name] = path->string();
        }
    }
    // The IKE daemons live outside PATH in Debian's packages.
    using Place = std::pair<const char*, const char*>;
    for (const auto& [name, path] :
         {Place{"charon", "/usr/lib/ipsec/charon"}, Place{"pluto", "/usr/libexec/ipsec/pluto"}}) {
        if (auto found = find_program(path)) {
            facts.programs[name] = found->string();
        } else if (auto in_path = find_program(name)) {
            facts.programs[name] = in_path->string();
        }
    }
}

void read_kernel_files(Facts& facts) {
    facts.proc_self_status = read_text("/proc/self/status").value_or("");
    facts.proc_crypto = read_text("/proc/crypto").value_or("");
    facts.proc_modules = read_text("/proc/modules");
    facts.modules_disabled = read_text("/proc/sys/kernel/modules_disabled");
    for (const char* module : {"esp4", "l2tp_ppp", "l2tp_core", "ppp_generic", "kvm", "kvm_pvm"}) {
        std::error_code ec;
        if (std::filesystem::exists(std::filesystem::path("/sys/module") / module, ec)) {
            facts.sys_modules.insert(module);
        }
    }
    read_kernel_config(facts);
}

// Probes that change kernel state, each inside a namespace that vanishes when it exits.
void probe_as_root(Facts& facts) {
    facts.netns_errno = netns_errno();
    facts.esp_probe = run_command({"unshare",
                                   "--net",
                                   "ip",
                                   "xfrm",
                                   "state",
                                   "add",
                                   "src",
                                   "192.0.2.1",
                                   "dst",
                                   "192.0.2.2",
                                   "proto",
                                   "esp",
                                   "spi",
                                   "0x100",
                                   "mode",
                                   "transport",
                                   "enc",
                                   "cbc(aes)",
                                   "0x00112233445566778899aabbccddeeff",
                                   "auth",
                                   "hmac(sha1)",
                                   "0x00112233445566778899aabbccddeeff00112233"},
                                  5s);
    if (facts.programs.count("nft") != 0) {
        facts.nft_probe = run_command({"unshare", "--net", "nft", "list", "ruleset"}, 5s);
    }
}

} // namespace

Facts gather_facts() {
    Facts facts;
    read_kernel_files(facts);
    find_programs(facts);

    facts.xfrm_socket_errno = socket_errno(AF_NETLINK, SOCK_RAW, NETLINK_XFRM);
    facts.l2tp_socket_errno = socket_errno(af_pppox, SOCK_DGRAM, px_proto_ol2tp);
    facts.ppp_open_errno = open_errno("/dev/ppp");
    facts.kvm_open_errno = open_errno("/dev/kvm");
    std::error_code ec;
    facts.libvirt_socket = std::filesystem::exists("/run/libvirt/libvirt-sock", ec);

    if (facts.programs.count("qemu-system-x86_64") != 0) {
        const CommandResult version =
            run_command({facts.programs["qemu-system-x86_64"], "--version"}, 5s);
        facts.qemu_version = version.out.substr(0, version.out.find('\n'));
    }
    if (parse_effective_uid(facts.proc_self_status) == 0U) {
        probe_as_root(facts);
    }
    return facts;
}

} // namespace harness::lab
