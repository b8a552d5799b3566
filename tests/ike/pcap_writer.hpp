// Writes ISAKMP messages as UDP/500 packets into a classic pcap file for an outside dissector.
#pragma once

#include <filesystem>
#include <vector>

#include "wire/bytes.hpp"

namespace harness::ike::testing {

/// Collects UDP payloads sent 192.0.2.1:500 -> 192.0.2.2:500 and saves them as Ethernet frames.
class PcapWriter {
public:
    /// Appends one packet carrying `udp_payload`.
    void add_udp(wire::BytesView udp_payload);

    /// The whole file: global header, then one record per packet.
    wire::Bytes file() const;

    /// Writes file() to `path`; false when the file cannot be written.
    bool save(const std::filesystem::path& path) const;

private:
    std::vector<wire::Bytes> frames_;
};

/// The IPv4 header checksum (RFC 791): one's complement of the one's-complement sum of words.
std::uint16_t ipv4_checksum(wire::BytesView header);

} // namespace harness::ike::testing
