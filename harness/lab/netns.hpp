// Network namespaces, veth links and the client / NAT router / server topologies of the netns tier.
#pragma once

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "lab/process.hpp"

namespace harness::lab {

/// The lab itself could not be set up (a command failed, a daemon did not start).
class LabError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A name no other run uses at the same time: prefix + this process's pid + 'n' + a counter.
std::string unique_name(std::string_view prefix);

/// The pid written into a name made by unique_name with that prefix; nullopt for other names.
std::optional<long> owner_pid(std::string_view name, std::string_view prefix);

/// Runs argv and throws LabError with its output when it does not succeed.
CommandResult run_checked(const std::vector<std::string>& argv,
                          std::chrono::milliseconds timeout = std::chrono::seconds(10));

/// A network namespace (with its loopback up), deleted by the destructor.
class NetNamespace {
public:
    /// Creates a namespace named unique_name(prefix); throws LabError when it cannot.
    explicit NetNamespace(std::string_view prefix = "hx");
    ~NetNamespace();
    NetNamespace(NetNamespace&& other) noexcept;
    NetNamespace& operator=(NetNamespace&& other) noexcept;
    NetNamespace(const NetNamespace&) = delete;
    NetNamespace& operator=(const NetNamespace&) = delete;

    const std::string& name() const { return name_; }

    /// {"ip", "netns", "exec", name}: put it before a command to run that command inside.
    std::vector<std::string> exec_prefix() const;

    /// Runs argv inside the namespace.
    CommandResult exec(const std::vector<std::string>& argv,
                       std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;

    /// Runs argv inside the namespace; throws LabError when it fails.
    CommandResult exec_checked(const std::vector<std::string>& argv) const;

private:
    void remove() noexcept;

    std::string name_; ///< empty once moved from
};

/// One end of a veth link: its namespace, interface name and address with prefix length.
struct VethEnd {
    std::string netns;
    std::string ifname;
    std::string address; ///< e.g. "192.0.2.1/24"
};

/// A veth pair between two namespaces, addressed, up and with empty neighbour tables.
class VethLink {
public:
    /// Creates the pair; throws LabError when a step fails (what was made is removed).
    VethLink(VethEnd a, VethEnd b, int mtu = 1500);
    ~VethLink();
    VethLink(VethLink&& other) noexcept;
    VethLink& operator=(VethLink&& other) noexcept;
    VethLink(const VethLink&) = delete;
    VethLink& operator=(const VethLink&) = delete;

    const VethEnd& a() const { return a_; }
    const VethEnd& b() const { return b_; }

private:
    void remove() noexcept;

    VethEnd a_;
    VethEnd b_;
    bool owned_ = false;
};

/// An nftables table in a namespace that masquerades what leaves through one interface.
class MasqueradeTable {
public:
    static constexpr std::string_view table_name = "harness_nat";

    /// Adds the table; throws LabError when nft refuses.
    MasqueradeTable(std::string netns, const std::string& out_ifname);
    ~MasqueradeTable();
    MasqueradeTable(MasqueradeTable&& other) noexcept;
    MasqueradeTable& operator=(MasqueradeTable&& other) noexcept;
    MasqueradeTable(const MasqueradeTable&) = delete;
    MasqueradeTable& operator=(const MasqueradeTable&) = delete;

private:
    void remove() noexcept;

    std::string netns_; ///< empty once moved from
};

/// Namespaces and links for one scenario: client and server, with a NAT router between them or
/// not. Members are destroyed in reverse order: the table, then links, then namespaces.
struct Topology {
    NetNamespace client;
    NetNamespace server;
    std::optional<NetNamespace> router{};
    std::vector<VethLink> links{};
    std::optional<MasqueradeTable> nat{};
    std::string server_address{}; ///< where the client sends to
    std::string client_address{}; ///< the client's own address
    std::string client_seen_as{}; ///< the address the server sees the client come from
};

/// Client (192.0.2.2) and server (192.0.2.1) on one link.
Topology direct(std::string_view prefix = "hx");

/// Client 198.51.100.2 behind a router (198.51.100.1 / 192.0.2.254) masquerading into
/// 192.0.2.0/24 where the server is 192.0.2.1.
Topology natted(std::string_view prefix = "hx");

/// The names in `ip netns list` output.
std::vector<std::string> parse_netns_list(std::string_view listing);

/// Deletes the namespaces named with the prefix whose owning process no longer exists;
/// returns their names.
std::vector<std::string> sweep_leftovers(std::string_view prefix = "hx");

/// The namespaces that exist now and whose names start with the prefix.
std::vector<std::string> list_namespaces(std::string_view prefix);

} // namespace harness::lab
