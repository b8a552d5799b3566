// Classic pcap (libpcap 2.4) with Ethernet II, IPv4 and UDP headers built by hand.
#include "pcap_writer.hpp"

#include <fstream>

#include "wire/byte_writer.hpp"

namespace harness::ike::testing {

namespace {

constexpr std::size_t ipv4_header_size = 20;
constexpr std::size_t udp_header_size = 8;
constexpr std::uint16_t isakmp_port = 500;

// pcap headers are in the writer's byte order; little-endian with the usual magic.
void put_le32(wire::Bytes& out, std::uint32_t value) {
    for (unsigned shift = 0; shift < 32; shift += 8) {
        out.push_back(static_cast<std::uint8_t>(value >> shift));
    }
}

void put_le16(wire::Bytes& out, std::uint16_t value) {
    out.push_back(static_cast<std::uint8_t>(value));
    out.push_back(static_cast<std::uint8_t>(value >> 8U));
}

wire::Bytes ipv4_udp_frame(wire::BytesView payload) {
    const auto udp_length = static_cast<std::uint16_t>(udp_header_size + payload.size());
    const auto ip_length = static_cast<std::uint16_t>(ipv4_header_size + udp_length);
    wire::ByteWriter out;
    out.bytes(std::vector<std::uint8_t>{2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1}); // dst, src MAC
    out.u16(0x0800);

    const std::size_t ip_start = out.size();
    out.u8(0x45); // version 4, 5 words
    out.u8(0);
    out.u16(ip_length);
    out.u16(0x1234); // identification
    out.u16(0x4000); // don't fragment
    out.u8(64);      // TTL
    out.u8(17);      // UDP
    out.u16(0);      // checksum, patched below
    out.bytes(std::vector<std::uint8_t>{192, 0, 2, 1, 192, 0, 2, 2});
    const wire::BytesView ip_header(out.data().data() + ip_start, ipv4_header_size);
    out.patch_u16(ip_start + 10, ipv4_checksum(ip_header));

    out.u16(isakmp_port);
    out.u16(isakmp_port);
    out.u16(udp_length);
    out.u16(0); // no UDP checksum, allowed over IPv4
    out.bytes(payload);
    return out.take();
}

} // namespace

std::uint16_t ipv4_checksum(wire::BytesView header) {
    std::uint32_t sum = 0;
    for (std::size_t i = 0; i + 1 < header.size(); i += 2) {
        sum += static_cast<std::uint32_t>((header[i] << 8U) | header[i + 1]);
    }
    while ((sum >> 16U) != 0) {
        sum = (sum & 0xffffU) + (sum >> 16U);
    }
    return static_cast<std::uint16_t>(~sum & 0xffffU);
}

void PcapWriter::add_udp(wire::BytesView udp_payload) {
    frames_.push_back(ipv4_udp_frame(udp_payload));
}

wire::Bytes PcapWriter::file() const {
    wire::Bytes out;
    put_le32(out, 0xa1b2c3d4); // magic, microsecond timestamps
    put_le16(out, 2);
    put_le16(out, 4);
    put_le32(out, 0);     // UTC offset
    put_le32(out, 0);     // timestamp accuracy
    put_le32(out, 65535); // snap length
    put_le32(out, 1);     // LINKTYPE_ETHERNET
    std::uint32_t second = 1700000000;
    for (const wire::Bytes& frame : frames_) {
        put_le32(out, second++);
        put_le32(out, 0);
        put_le32(out, static_cast<std::uint32_t>(frame.size()));
        put_le32(out, static_cast<std::uint32_t>(frame.size()));
        out.insert(out.end(), frame.begin(), frame.end());
    }
    return out;
}

bool PcapWriter::save(const std::filesystem::path& path) const {
    const wire::Bytes bytes = file();
    std::ofstream stream(path, std::ios::binary);
    stream.write(reinterpret_cast<const char*>(bytes.data()), static_cast<long>(bytes.size()));
    return static_cast<bool>(stream);
}

} // namespace harness::ike::testing
