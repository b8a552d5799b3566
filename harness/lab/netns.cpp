// Namespaces, veths and nftables through the ip and nft programs; every owner undoes its step.
#include "lab/netns.hpp"

#include <atomic>
#include <cctype>
#include <filesystem>
#include <utility>

#include <unistd.h>

namespace harness::lab {

namespace {

std::string describe_failure(const std::vector<std::string>& argv, const CommandResult& result) {
    std::string command;
    for (const std::string& arg : argv) {
        command += (command.empty() ? "" : " ") + arg;
    }
    std::string why = result.error;
    if (why.empty()) {
        why = result.timed_out ? "timed out" : "exit " + std::to_string(result.exit_code);
    }
    return command + ": " + why + (result.err.empty() ? "" : ": " + result.err);
}

// Runs a clean-up command; failures are ignored because the owner is going away regardless.
void run_quietly(const std::vector<std::string>& argv) {
    (void)run_command(argv, std::chrono::seconds(10));
}

std::vector<std::string> in_netns(const std::string& netns, std::vector<std::string> argv) {
    std::vector<std::string> full{"ip", "netns", "exec", netns};
    full.insert(full.end(), argv.begin(), argv.end());
    return full;
}

} // namespace

std::string unique_name(std::string_view prefix) {
    static std::atomic<unsigned> counter{0};
    return std::string(prefix) + std::to_string(::getpid()) + "n" + std::to_string(counter++);
}

std::optional<long> owner_pid(std::string_view name, std::string_view prefix) {
    if (name.substr(0, prefix.size()) != prefix) {
        return std::nullopt;
    }
    const std::string_view rest = name.substr(prefix.size());
    std::size_t digits = 0;
    while (digits < rest.size() && std::isdigit(static_cast<unsigned char>(rest[digits])) != 0) {
        ++digits;
    }
    if (digits == 0 || digits > 9 || digits == rest.size() || rest[digits] != 'n') {
        return std::nullopt;
    }
    return std::stol(std::string(rest.substr(0, digits)));
}

CommandResult run_checked(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) {
    CommandResult result = run_command(argv, timeout);
    if (!result.ok()) {
        throw LabError(describe_failure(argv, result));
    }
    return result;
}

NetNamespace::NetNamespace(std::string_view prefix) : name_(unique_name(prefix)) {
    run_checked({"ip", "netns", "add", name_});
    try {
        run_checked({"ip", "-n", name_, "link", "set", "lo", "up"});
    } catch (...) {
        remove();
        throw;
    }
}

NetNamespace::~NetNamespace() {
    remove();
}

NetNamespace::NetNamespace(NetNamespace&& other) noexcept : name_(std::exchange(other.name_, {})) {}

NetNamespace& NetNamespace::operator=(NetNamespace&& other) noexcept {
    if (this != &other) {
        remove();
        name_ = std::exchange(other.name_, {});
    }
    return *this;
}

void NetNamespace::remove() noexcept {
    if (!name_.empty()) {
        run_quietly({"ip", "netns", "del", name_});
        name_.clear();
    }
}

std::vector<std::string> NetNamespace::exec_prefix() const {
    return {"ip", "netns", "exec", name_};
}

CommandResult NetNamespace::exec(const std::vector<std::string>& argv,
                                 std::chrono::milliseconds timeout) const {
    return run_command(in_netns(name_, argv), timeout);
}

CommandResult NetNamespace::exec_checked(const std::vector<std::string>& argv) const {
    return run_checked(in_netns(name_, argv));
}

VethLink::VethLink(VethEnd a, VethEnd b, int mtu) : a_(std::move(a)), b_(std::move(b)) {
    // Made inside a's namespace and moved to b's, so the names never meet in the host's.
    run_checked({"ip", "-n", a_.netns, "link", "add", a_.ifname, "mtu", std::to_string(mtu), "type",
                 "veth", "peer", "name", b_.ifname, "netns", b_.netns});
    owned_ = true;
    try {
        for (const VethEnd* end : {&a_, &b_}) {
            run_checked({"ip", "-n", end->netns, "link", "set", end->ifname, "mtu",
                         std::to_string(mtu), "up"});
            run_checked({"ip", "-n", end->netns, "addr", "add", end->address, "dev", end->ifname});
            // A stale FAILED entry from an earlier run costs seconds: start from nothing.
            run_checked({"ip", "-n", end->netns, "neigh", "flush", "dev", end->ifname});
        }
    } catch (...) {
        remove();
        throw;
    }
}

VethLink::~VethLink() {
    remove();
}

VethLink::VethLink(VethLink&& other) noexcept
    : a_(std::move(other.a_)), b_(std::move(other.b_)), owned_(std::exchange(other.owned_, false)) {
}

VethLink& VethLink::operator=(VethLink&& other) noexcept {
    if (this != &other) {
        remove();
        a_ = std::move(other.a_);
        b_ = std::move(other.b_);
        owned_ = std::exchange(other.owned_, false);
    }
    return *this;
}

void VethLink::remove() noexcept {
    if (owned_) {
        // Deleting one end deletes the pair; it is gone already if its namespace went first.
        run_quietly({"ip", "-n", a_.netns, "link", "del", a_.ifname});
        owned_ = false;
    }
}

MasqueradeTable::MasqueradeTable(std::string netns, const std::string& out_ifname)
    : netns_(std::move(netns)) {
    const std::string table(table_name);
    run_checked(in_netns(netns_, {"nft", "add", "table", "ip", table}));
    try {
        run_checked(in_netns(netns_, {"nft", "add", "chain", "ip", table, "post", "{", "type",
                                      "nat", "hook", "postrouting", "priority", "100", ";", "}"}));
        run_checked(in_netns(netns_, {"nft", "add", "rule", "ip", table, "post", "oifname",
                                      out_ifname, "masquerade"}));
    } catch (...) {
        remove();
        throw;
    }
}

MasqueradeTable::~MasqueradeTable() {
    remove();
}

MasqueradeTable::MasqueradeTable(MasqueradeTable&& other) noexcept
    : netns_(std::exchange(other.netns_, {})) {}

MasqueradeTable& MasqueradeTable::operator=(MasqueradeTable&& other) noexcept {
    if (this != &other) {
        remove();
        netns_ = std::exchange(other.netns_, {});
    }
    return *this;
}

void MasqueradeTable::remove() noexcept {
    if (!netns_.empty()) {
        run_quietly(in_netns(netns_, {"nft", "delete", "table", "ip", std::string(table_name)}));
        netns_.clear();
    }
}

Topology direct(std::string_view prefix) {
    Topology topology{.client = NetNamespace(prefix), .server = NetNamespace(prefix)};
    topology.links.emplace_back(VethEnd{topology.client.name(), "eth0", "192.0.2.2/24"},
                                VethEnd{topology.server.name(), "eth0", "192.0.2.1/24"});
    topology.server_address = "192.0.2.1";
    topology.client_address = "192.0.2.2";
    topology.client_seen_as = "192.0.2.2";
    return topology;
}

Topology natted(std::string_view prefix) {
    Topology topology{.client = NetNamespace(prefix), .server = NetNamespace(prefix)};
    const std::string router = topology.router.emplace(prefix).name();
    topology.links.emplace_back(VethEnd{topology.client.name(), "eth0", "198.51.100.2/24"},
                                VethEnd{router, "lan", "198.51.100.1/24"});
    topology.links.emplace_back(VethEnd{router, "wan", "192.0.2.254/24"},
                                VethEnd{topology.server.name(), "eth0", "192.0.2.1/24"});
    topology.client.exec_checked({"ip", "route", "add", "default", "via", "198.51.100.1"});
    topology.router->exec_checked({"sysctl", "-q", "-w", "net.ipv4.ip_forward=1"});
    topology.nat.emplace(router, "wan");
    topology.server_address = "192.0.2.1";
    topology.client_address = "198.51.100.2";
    topology.client_seen_as = "192.0.2.254";
    return topology;
}

std::vector<std::string> parse_netns_list(std::string_view listing) {
    std::vector<std::string> names;
    while (!listing.empty()) {
        const auto end = listing.find('\n');
        const std::string_view line = listing.substr(0, end);
        const std::string_view name = line.substr(0, line.find(' '));
        if (!name.empty()) {
            names.emplace_back(name);
        }
        listing = end == std::string_view::npos ? std::string_view{} : listing.substr(end + 1);
    }
    return names;
}

std::vector<std::string> list_namespaces(std::string_view prefix) {
    std::vector<std::string> found;
    for (std::string& name :
         parse_netns_list(run_command({"ip", "netns", "list"}, std::chrono::seconds(10)).out)) {
        if (name.substr(0, prefix.size()) == prefix) {
            found.push_back(std::move(name));
        }
    }
    return found;
}

std::vector<std::string> sweep_leftovers(std::string_view prefix) {
    std::vector<std::string> removed;
    for (const std::string& name : list_namespaces(prefix)) {
        const auto pid = owner_pid(name, prefix);
        std::error_code ec;
        if (pid && !std::filesystem::exists("/proc/" + std::to_string(*pid), ec)) {
            run_quietly({"ip", "netns", "del", name});
            removed.push_back(name);
        }
    }
    return removed;
}

} // namespace harness::lab
