// Datagram transports for IKE: the interface the exchanges talk to, and UDP on ports 500/4500.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "wire/bytes.hpp"

namespace harness::ike {

/// An IPv4 address and UDP port.
struct Endpoint {
    std::array<std::uint8_t, 4> address{};
    std::uint16_t port = 0;

    /// "192.0.2.1:500".
    std::string to_string() const;

    bool operator==(const Endpoint&) const = default;
};

/// Parses a dotted-quad IPv4 address; nullopt when it is not one.
std::optional<std::array<std::uint8_t, 4>> parse_ipv4(std::string_view text);

/// The socket layer itself failed (an environment problem, not a peer problem).
class TransportError : public std::runtime_error {
public:
    explicit TransportError(const std::string& what) : std::runtime_error(what) {}
};

/// Sends and receives whole IKE messages (without any NAT-T marker) to and from one peer.
class Transport {
public:
    Transport() = default;
    Transport(const Transport&) = delete;
    Transport& operator=(const Transport&) = delete;
    Transport(Transport&&) = delete;
    Transport& operator=(Transport&&) = delete;
    virtual ~Transport() = default;

    /// Sends one IKE message.
    virtual void send(wire::BytesView message) = 0;

    /// The next IKE message, or nullopt when none arrived within `timeout`.
    virtual std::optional<wire::Bytes> receive(std::chrono::milliseconds timeout) = 0;

    /// Moves to the NAT-T ports (RFC 3947 4): later messages carry the non-ESP marker.
    virtual void float_to_nat_t() = 0;

    virtual Endpoint local() const = 0;
    virtual Endpoint remote() const = 0;
};

/// A connected UDP socket to the server's port 500, optionally floated to 4500 (RFC 3948 2.2).
class UdpTransport final : public Transport {
public:
    /// Binds to `local` (address 0.0.0.0 and port 0 pick any) and connects to `remote`.
    UdpTransport(const Endpoint& local, const Endpoint& remote);
    UdpTransport(const UdpTransport&) = delete;
    UdpTransport& operator=(const UdpTransport&) = delete;
    UdpTransport(UdpTransport&&) = delete;
    UdpTransport& operator=(UdpTransport&&) = delete;
    ~UdpTransport() override;

    void send(wire::BytesView message) override;
    std::optional<wire::Bytes> receive(std::chrono::milliseconds timeout) override;

    /// Reopens the socket from local port `nat_t_port` (0: any) to the server's port 4500.
    void float_to_nat_t() override;

    Endpoint local() const override { return local_; }
    Endpoint remote() const override { return remote_; }

    /// The local port used after float_to_nat_t(); 4500 unless set.
    void set_nat_t_local_port(std::uint16_t port) { nat_t_port_ = port; }

private:
    void open(const Endpoint& local, const Endpoint& remote);
    void close_socket();
    std::optional<wire::Bytes> unwrap(wire::Bytes datagram) const;

    int fd_ = -1;
    Endpoint local_;
    Endpoint remote_;
    bool nat_t_ = false;
    std::uint16_t nat_t_port_ = 4500;
};

} // namespace harness::ike
