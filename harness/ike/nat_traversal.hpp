// NAT-Traversal payloads: NAT-D and NAT-OA, in their RFC 3947 and draft numberings.
#pragma once

#include "ike/constants.hpp"
#include "wire/byte_reader.hpp"
#include "wire/byte_writer.hpp"
#include "wire/bytes.hpp"

namespace harness::ike {

/// NAT-D payload (RFC 3947 3.2): a hash of cookies, address and port. The payload number is
/// kept (20, 130 or 15) so a message re-encodes with the numbering its sender chose.
struct NatDiscovery {
    PayloadType payload_type = PayloadType::nat_d;
    wire::Bytes hash;

    static NatDiscovery decode(wire::ByteReader& body, PayloadType payload_type);
    void encode(wire::ByteWriter& out) const;

    bool operator==(const NatDiscovery&) const = default;
};

/// NAT-OA payload (RFC 3947 5.2): the original address the sender saw, numbered 21 or 131.
struct NatOriginalAddress {
    PayloadType payload_type = PayloadType::nat_oa;
    IdType id_type = IdType::ipv4_addr;
    wire::Bytes address; ///< 4 bytes for ID_IPV4_ADDR, 16 for ID_IPV6_ADDR

    static NatOriginalAddress decode(wire::ByteReader& body, PayloadType payload_type);
    void encode(wire::ByteWriter& out) const;

    bool operator==(const NatOriginalAddress&) const = default;
};

} // namespace harness::ike
