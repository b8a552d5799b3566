// UdpTransport on the loopback interface: send, receive, timeout, address parsing.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ike/transport.hpp"

namespace harness::ike {
namespace {

// A plain socket standing in for the server.
class LoopbackPeer {
public:
    LoopbackPeer() : fd_(::socket(AF_INET, SOCK_DGRAM, 0)) {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address));
        socklen_t size = sizeof(address);
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &size);
        port_ = ntohs(address.sin_port);
    }
    LoopbackPeer(const LoopbackPeer&) = delete;
    LoopbackPeer& operator=(const LoopbackPeer&) = delete;
    ~LoopbackPeer() { ::close(fd_); }

    Endpoint endpoint() const { return {{127, 0, 0, 1}, port_}; }

    wire::Bytes receive_from_client() {
        wire::Bytes data(2048);
        socklen_t size = sizeof(client_);
        const ssize_t got = ::recvfrom(fd_, data.data(), data.size(), 0,
                                       reinterpret_cast<sockaddr*>(&client_), &size);
        data.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
        return data;
    }

    void reply(const wire::Bytes& data) {
        ::sendto(fd_, data.data(), data.size(), 0, reinterpret_cast<sockaddr*>(&client_),
                 sizeof(client_));
    }

private:
    int fd_;
    std::uint16_t port_ = 0;
    sockaddr_in client_{};
};

TEST(UdpTransport, SendsAndReceivesOverLoopback) {
    LoopbackPeer peer;
    UdpTransport transport({{127, 0, 0, 1}, 0}, peer.endpoint());
    EXPECT_NE(transport.local().port, 0);

    const wire::Bytes hello{1, 2, 3, 4, 5};
    transport.send(hello);
    EXPECT_EQ(peer.receive_from_client(), hello);

    peer.reply({9, 8, 7});
    EXPECT_EQ(transport.receive(std::chrono::milliseconds(1000)), (wire::Bytes{9, 8, 7}));
}

TEST(UdpTransport, ReceiveTimesOut) {
    LoopbackPeer peer;
    UdpTransport transport({{127, 0, 0, 1}, 0}, peer.endpoint());
    const auto before = std::chrono::steady_clock::now();
    EXPECT_FALSE(transport.receive(std::chrono::milliseconds(50)).has_value());
    EXPECT_GE(std::chrono::steady_clock::now() - before, std::chrono::milliseconds(45));
}

TEST(UdpTransport, ParsesDottedQuads) {
    EXPECT_EQ(parse_ipv4("192.0.2.1"), (std::array<std::uint8_t, 4>{192, 0, 2, 1}));
    EXPECT_FALSE(parse_ipv4("192.0.2").has_value());
    EXPECT_FALSE(parse_ipv4("192.0.2.256").has_value());
    EXPECT_FALSE(parse_ipv4("192.0.2.1x").has_value());
    EXPECT_EQ((Endpoint{{10, 1, 2, 3}, 4500}.to_string()), "10.1.2.3:4500");
}

} // namespace
} // namespace harness::ike
