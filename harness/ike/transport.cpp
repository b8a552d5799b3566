// UDP transport for IKE over POSIX sockets, with poll() timeouts and the NAT-T non-ESP marker.
#include "ike/transport.hpp"

#include <cerrno>
#include <charconv>
#include <cstring>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace harness::ike {

namespace {

constexpr std::size_t max_datagram = 65535;
constexpr std::size_t non_esp_marker_size = 4;

sockaddr_in to_sockaddr(const Endpoint& endpoint) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(endpoint.port);
    std::memcpy(&address.sin_addr, endpoint.address.data(), endpoint.address.size());
    return address;
}

Endpoint from_sockaddr(const sockaddr_in& address) {
    Endpoint endpoint;
    std::memcpy(endpoint.address.data(), &address.sin_addr, endpoint.address.size());
    endpoint.port = ntohs(address.sin_port);
    return endpoint;
}

[[noreturn]] void throw_errno(const std::string& what) {
    throw TransportError(what + ": " + std::strerror(errno));
}

} // namespace

std::string Endpoint::to_string() const {
    return std::to_string(address[0]) + "." + std::to_string(address[1]) + "." +
           std::to_string(address[2]) + "." + std::to_string(address[3]) + ":" +
           std::to_string(port);
}

std::optional<std::array<std::uint8_t, 4>> parse_ipv4(std::string_view text) {
    std::array<std::uint8_t, 4> address{};
    const char* pos = text.data();
    const char* end = text.data() + text.size();
    for (std::size_t i = 0; i < address.size(); ++i) {
        if (i > 0) {
            if (pos == end || *pos != '.') {
                return std::nullopt;
            }
            ++pos;
        }
        unsigned value = 0;
        const auto [next, error] = std::from_chars(pos, end, value);
        if (error != std::errc{} || next == pos || value > 255) {
            return std::nullopt;
        }
        address[i] = static_cast<std::uint8_t>(value);
        pos = next;
    }
    if (pos != end) {
        return std::nullopt;
    }
    return address;
}

UdpTransport::UdpTransport(const Endpoint& local, const Endpoint& remote) {
    open(local, remote);
}

UdpTransport::~UdpTransport() {
    close_socket();
}

void UdpTransport::open(const Endpoint& local, const Endpoint& remote) {
    fd_ = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) {
        throw_errno("socket");
    }
    const int one = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));

    sockaddr_in bind_address = to_sockaddr(local);
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&bind_address), sizeof(bind_address)) != 0) {
        close_socket();
        throw_errno("bind " + local.to_string());
    }
    sockaddr_in peer = to_sockaddr(remote);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&peer), sizeof(peer)) != 0) {
        close_socket();
        throw_errno("connect " + remote.to_string());
    }

    // The kernel picks the source address and port when they were left open.
    sockaddr_in bound{};
    socklen_t size = sizeof(bound);
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&bound), &size);
    local_ = from_sockaddr(bound);
    remote_ = remote;
}

void UdpTransport::close_socket() {
    if (fd_ >= 0) {
        ::close(fd_);
        fd_ = -1;
    }
}

void UdpTransport::send(wire::BytesView message) {
    wire::Bytes datagram;
    if (nat_t_) {
        datagram.assign(non_esp_marker_size, 0); // RFC 3948 2.2: IKE after the zero marker
    }
    datagram.insert(datagram.end(), message.begin(), message.end());
    if (::send(fd_, datagram.data(), datagram.size(), 0) < 0) {
        throw_errno("send to " + remote_.to_string());
    }
}

std::optional<wire::Bytes> UdpTransport::receive(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        pollfd waiting{fd_, POLLIN, 0};
        const int ready = ::poll(&waiting, 1, static_cast<int>(std::max<long>(0, left.count())));
        if (ready < 0 && errno != EINTR) {
            throw_errno("poll");
        }
        if (ready > 0) {
            wire::Bytes datagram(max_datagram);
            const ssize_t got = ::recv(fd_, datagram.data(), datagram.size(), 0);
            // ICMP unreachable shows up as an error on a connected socket: treat it as silence.
            if (got >= 0) {
                datagram.resize(static_cast<std::size_t>(got));
                if (auto message = unwrap(std::move(datagram))) {
                    return message;
                }
            }
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            return std::nullopt;
        }
    }
}

// RFC 3948 2.2 / 2.3: on 4500, IKE follows four zero bytes; ESP and keepalives are not ours.
std::optional<wire::Bytes> UdpTransport::unwrap(wire::Bytes datagram) const {
    if (!nat_t_) {
        return datagram;
    }
    if (datagram.size() < non_esp_marker_size || datagram[0] != 0 || datagram[1] != 0 ||
        datagram[2] != 0 || datagram[3] != 0) {
        return std::nullopt;
    }
    datagram.erase(datagram.begin(), datagram.begin() + non_esp_marker_size);
    return datagram;
}

void UdpTransport::float_to_nat_t() {
    if (nat_t_) {
        return;
    }
    Endpoint local = local_;
    local.port = nat_t_port_;
    Endpoint remote = remote_;
    remote.port = 4500;
    close_socket();
    open(local, remote);
    nat_t_ = true;
}

} // namespace harness::ike
